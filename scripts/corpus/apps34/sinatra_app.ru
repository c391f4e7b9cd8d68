# Round-34 corpus: a Sinatra 3 tickets API in production under Puma, behind
# Apache terminating TLS (mod_ssl, h2). JSON errors the routes write,
# Sinatra's own pages for what it does not route and for an unhandled
# exception (production: no backtrace), a slow route.
#   puma -e production -b tcp://127.0.0.1:PORT sinatra_app.ru
require 'sinatra/base'
require 'json'

class Tickets < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :host_authorization, { permitted_hosts: [] } if settings.respond_to?(:host_authorization)

  before { content_type :json if request.path_info.start_with?('/api/') }

  get('/api/health') { { status: 'ok' }.to_json }

  get '/api/tickets/:id' do
    halt 404, { error: 'ticket_not_found', id: params[:id] }.to_json unless params[:id] == '1'
    { id: 1, subject: 'printer on fire' }.to_json
  end

  get '/api/admin/tickets' do
    halt 401, { 'WWW-Authenticate' => 'Bearer' }, { error: 'unauthorized' }.to_json
  end

  post '/api/tickets' do
    halt 422, { error: 'validation_failed', fields: { subject: "can't be blank" } }.to_json
  end

  get '/api/search' do
    halt 429, { 'Retry-After' => '30' }, { error: 'too_many_requests' }.to_json
  end

  get('/api/boom') { nil.fetch(:subject) }

  get '/api/maintenance' do
    halt 503, { 'Retry-After' => '120' }, { error: 'maintenance' }.to_json
  end

  get '/api/slow' do
    sleep 5
    { status: 'late' }.to_json
  end
end

run Tickets
