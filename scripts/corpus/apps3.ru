# Rack app for the round-3 evidence corpus (capture-round3.sh), run by puma:
#   puma -e production -b tcp://127.0.0.1:PORT scripts/corpus/apps3.ru
#
# /api/...  a Sinatra (modular) orders API, so its 404/500 pages are Sinatra's
#           own in production: /api/users/42 200, other ids 404 (not_found),
#           /api/boom raises (Sinatra's 500), /api/down the APP's own HTML 503,
#           /api/pay the APP's own JSON 502
# /raw/...  a bare Rack endpoint that raises: nothing catches it, so puma
#           writes the 500 itself
require 'json'
require 'sinatra/base'

DOWN_HTML = <<~HTML
  <!DOCTYPE html>
  <html>
  <head><title>503 Service Unavailable</title></head>
  <body>
  <h1>Service Unavailable</h1>
  <p>The orders service is temporarily unable to handle your request. Please try again later.</p>
  </body>
  </html>
HTML

class Orders < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :host_authorization, { permitted_hosts: [] } if respond_to?(:host_authorization)

  get('/api/health') { content_type :json; { status: 'ok' }.to_json }
  get '/api/users/:id' do
    pass unless params[:id] == '42'
    content_type :json
    { id: 42, name: 'Ada' }.to_json
  end
  get('/api/boom') { raise 'ledger connection lost' }
  get '/api/down' do
    headers 'Retry-After' => '120'
    halt 503, DOWN_HTML
  end
  get '/api/pay' do
    content_type :json
    halt 502, { error: { code: 'bad_gateway', message: 'payment provider returned an invalid response' } }.to_json
  end
end

map('/raw') { run ->(env) { raise "worker crashed on #{env['PATH_INFO']}" } }
map('/') { run Orders }
