# Round 37: a small orders API in Sinatra under Puma, behind Varnish.
# Its own errors: a JSON 404, an HTML 503 during maintenance, a JSON 502 and
# 504 when its own downstream fails; a 5 s handler, a 20 KiB header.
require 'sinatra/base'
require 'json'

class Orders < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false

  get '/api/orders/:id' do
    content_type :json
    halt 200, { id: 1, sku: 'A-1', qty: 2 }.to_json if params[:id] == '1'
    halt 404, { error: 'not_found', message: "Order #{params[:id]} not found" }.to_json
  end

  get '/api/catalog' do
    content_type :json
    cache_control :public, max_age: 60
    { items: [{ sku: 'A-1', name: 'Desk lamp' }] }.to_json
  end

  get '/api/maintenance' do
    headers 'Retry-After' => '300'
    status 503
    "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>\n<h1>Service Unavailable</h1>\n<p>We are performing scheduled maintenance. Please try again in a few minutes.</p>\n</body></html>\n"
  end

  get '/api/payments' do
    sleep 0.15
    content_type :json
    halt 502, { error: 'payment_gateway_error', message: 'the payment gateway returned HTTP 500' }.to_json
  end

  get '/api/inventory' do
    sleep 1
    content_type :json
    halt 504, { error: 'upstream_timeout', message: 'stock service did not respond within 1s' }.to_json
  end

  get '/api/slow' do
    sleep 5
    'late'
  end

  get '/api/session' do
    headers 'X-Session-Trace' => 's' * 20480
    content_type :json
    '{"ok":true}'
  end
end

run Orders
