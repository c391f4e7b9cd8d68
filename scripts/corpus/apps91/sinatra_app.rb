# Round-91 corpus: the Hawthorn orders API (Sinatra 3 on Puma).
# The team's `error` blocks: `not_found` and `error 400..499` as JSON,
# `error 500` (any exception) as JSON with a ticket id, and its own
# 502/503/504 about its dependencies as JSON too.
require 'sinatra/base'
require 'json'
require 'socket'
require 'timeout'
require 'securerandom'

class HawthornApp < Sinatra::Base
  set :show_exceptions, false
  set :raise_errors, false
  set :dump_errors, false
  set :host_authorization, { permitted_hosts: [] } if respond_to?(:host_authorization)

  class DepError < StandardError; end

  before { content_type :json }

  helpers do
    def dep_call(envname)
      host, port = ENV.fetch(envname).split(':')
      Timeout.timeout(1.0) do
        s = TCPSocket.new(host, port.to_i)
        begin
          s.write("GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n")
          s.readpartial(1)
        ensure
          s.close
        end
      end
    end

    def fail_json(status, code, message)
      halt status, { error: { code: code, message: message, status: status } }.to_json
    end
  end

  get '/api/orders/:id' do
    fail_json 404, 'order_not_found', "order #{params[:id]} does not exist" unless params[:id] == '1'
    cache_control :public, max_age: 2
    etag 'ha-1001-v1'
    { id: 1, ref: 'HA-1001', total: 41.5 }.to_json
  end

  post '/api/orders' do
    body = JSON.parse(request.body.read) # malformed -> JSON::ParserError -> error 500 block? no: mapped to 400 below
    fail_json 422, 'validation_failed', 'sku is required' unless body['sku']
    status 201
    { id: 2 }.to_json
  end

  get '/api/cart' do
    raise KeyError, 'COUPON_TABLE' if params[:coupon]
    { items: [], currency: 'EUR' }.to_json
  end

  get '/api/inventory' do
    begin
      dep_call('DEP_DOWN')
    rescue SystemCallError => e
      fail_json 502, 'inventory_unreachable', "inventory service unreachable: #{e.message}"
    end
    { ok: true }.to_json
  end

  get '/api/payments' do
    begin
      dep_call('DEP_DOWN')
    rescue SystemCallError
      headers 'Retry-After' => '30'
      fail_json 503, 'payments_unavailable', 'payment provider unavailable, try again shortly'
    end
    { ok: true }.to_json
  end

  get '/api/quotes' do
    begin
      dep_call('DEP_SLOW')
    rescue Timeout::Error
      fail_json 504, 'pricing_timeout', 'pricing service did not answer within 1s'
    end
    { ok: true }.to_json
  end

  get '/api/report' do
    sleep 6
    { rows: 0 }.to_json
  end

  get '/healthz' do
    { status: 'ok' }.to_json
  end

  error JSON::ParserError do
    status 400
    { error: { code: 'malformed_json', message: 'request body is not valid JSON', status: 400 } }.to_json
  end

  not_found do
    content_type :json
    { error: { code: 'not_found', message: "no route for #{request.request_method} #{request.path_info}", status: 404 } }.to_json
  end

  error 500 do
    content_type :json
    ticket = SecureRandom.hex(4)
    { error: { code: 'internal_error', message: "unexpected error (ticket #{ticket})", status: 500 } }.to_json
  end
end
