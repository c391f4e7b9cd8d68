# Round-25 corpus: the orders API on Sinatra under Puma, production, as a
# team writes it without any request id: nothing is echoed, nothing is made.
# `puma -b tcp://127.0.0.1:PORT -e production sinatra_app.ru`.
require 'sinatra/base'
require 'json'

class Orders < Sinatra::Base
  set :show_exceptions, false
  set :raise_errors, false

  before { content_type :json if request.path_info.start_with?('/api/') }

  get('/api/health') { { status: 'ok' }.to_json }

  get '/api/orders/:id' do
    halt 404, { error: 'not_found', message: "Order #{params[:id]} not found" }.to_json unless params[:id] == '1'
    { id: 1 }.to_json
  end

  post '/api/orders' do
    halt 422, { errors: { qty: ['must be greater than 0'] } }.to_json
  end

  post('/api/orders/:id/cancel') { halt 409, { error: 'conflict', message: 'already shipped' }.to_json }

  get '/api/admin/reports' do
    headers 'WWW-Authenticate' => 'Bearer'
    halt 401, { error: 'unauthorized' }.to_json
  end

  get('/api/limited') { halt 429, { 'Retry-After' => '20' }, { error: 'rate_limited' }.to_json }

  get '/api/boom' do
    nil.fetch(:total)
  end

  get '/api/maintenance' do
    halt 503, { 'Retry-After' => '60' }, { error: 'maintenance', message: 'Back soon' }.to_json
  end

  get '/api/slow' do
    sleep 5
    { status: 'late' }.to_json
  end
end

run Orders
