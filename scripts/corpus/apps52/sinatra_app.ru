# Orders API in Sinatra (Debian's ruby-sinatra), round 52, under Puma.
require 'sinatra/base'
require 'json'

class Orders < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false

  def err(status, code, message)
    content_type :json
    halt status, { error: code, message: message }.to_json
  end

  get '/api/orders/:id' do
    err(404, 'not_found', "order #{params[:id]} not found") unless params[:id] == '42'
    content_type :json
    { id: 42, sku: 'A-1', qty: 2 }.to_json
  end

  get '/api/admin/reports' do
    auth = request.env['HTTP_AUTHORIZATION']
    if auth.nil?
      headers 'WWW-Authenticate' => 'Bearer realm="orders"'
      err(401, 'unauthorized', 'token required')
    end
    err(403, 'forbidden', 'admin only') unless auth.include?('admin')
    content_type :json
    { reports: [] }.to_json
  end

  get '/api/limited' do
    headers 'Retry-After' => '30'
    err(429, 'rate_limited', 'too many requests')
  end

  get '/api/maintenance' do
    headers 'Retry-After' => '120'
    err(503, 'maintenance', 'back soon')
  end

  get '/api/slow' do
    sleep 5
    content_type :json
    '{"ok":true}'
  end
end

run Orders
