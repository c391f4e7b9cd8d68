# Round 38: the orders API in Sinatra under Thin, behind yaws's revproxy
# (which forwards /api/orders/7 as /orders/7).
# Its JSON 404/422/503, Sinatra's default 404 and 500 pages, an empty 403,
# a handler that sleeps 5 s.
require 'sinatra/base'
require 'json'

class Orders < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false

  get '/orders/:id' do
    content_type :json
    return({id: 1, sku: 'A-1', qty: 2}.to_json) if params[:id] == '1'
    halt 404, {error: 'not_found', message: "order #{params[:id]} not found"}.to_json
  end

  post '/orders' do
    content_type :json
    body = JSON.parse(request.body.read) rescue nil
    halt 400, {error: 'bad_json'}.to_json unless body.is_a?(Hash)
    halt 422, {error: 'validation', fields: {qty: 'must be >= 1'}}.to_json unless body['qty'].is_a?(Integer) && body['qty'] >= 1
    status 201
    {id: 42, qty: body['qty']}.to_json
  end

  get '/maintenance' do
    content_type :json
    headers 'Retry-After' => '900'
    halt 503, {error: 'maintenance', message: 'back at 04:00 UTC'}.to_json
  end

  get '/export' do
    halt 403  # an empty-bodied 403
  end

  get '/boom' do
    raise 'ledger total is nil'
  end

  get '/slow' do
    sleep 5
    'ok'
  end
end

# yaws's revproxy strips its /api prefix; direct requests keep it
map('/api') { run Orders }
map('/') { run Orders }
