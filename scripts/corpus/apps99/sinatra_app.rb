# Round 99: the Larch orders API (Sinatra 3 on Puma, production, ONE thread),
# behind Varnish. Round 88's app with round 99's routes (see common.py).
# Sinatra writes its own "<h1>Not Found</h1>" and
# "<h1>Internal Server Error</h1>". /api/feed takes the socket over (Rack
# full hijack), writes a line that is not HTTP and closes.
require 'sinatra/base'
require 'json'
require 'socket'
require 'timeout'

class Larch < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :dump_errors, false
  set :protection, false
  FLAG_DIR = ENV.fetch('FLAG_DIR', '/nonexistent')
  DATA_DIR = ENV.fetch('DATA_DIR', '/tmp')
  DEPLOY = ENV.fetch('DEPLOY', 'v1')
  WARM = { done: false }

  helpers do
    def err(status, code, message, hdrs = {})
      headers hdrs
      halt status, { 'Content-Type' => 'application/json' }, JSON.generate(error: code, message: message)
    end

    def flag?(name)
      File.exist?(File.join(FLAG_DIR, name))
    end

    def dep(name)
      host, port = ENV.fetch(name).split(':')
      Timeout.timeout(1) do
        s = TCPSocket.new(host, port.to_i)
        s.write("GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n")
        s.read(1)
      ensure
        s&.close
      end
    end
  end

  before do
    unless WARM[:done] || request.path_info == '/healthz'
      sleep 1.5
      WARM[:done] = true
    end
  end

  if DEPLOY != 'v2'
    get '/api/orders/:id' do
      id = params[:id].to_i
      err(404, 'not_found', "order #{id} does not exist") unless [1, 2].include?(id)
      etag = "\"la-100#{id}-v1\""
      headers 'Cache-Control' => 'public, max-age=2', 'ETag' => etag
      halt 304 if request.env['HTTP_IF_NONE_MATCH'] == etag
      content_type :json
      JSON.generate(id: id, ref: "LA-100#{id}", replica: ENV.fetch('REPLICA', 'larch-1'))
    end
  end

  delete '/api/orders/:id/hold' do
    status 204
    ''
  end

  get '/api/account' do
    unless request.env['HTTP_AUTHORIZATION'] == 'Bearer oncall-t0ken'
      err(401, 'unauthorized', 'missing or invalid bearer token', 'WWW-Authenticate' => 'Bearer realm="larch"')
    end
    content_type :json
    '{"user":"oncall","plan":"team"}'
  end

  get '/api/cart' do
    raise KeyError, 'key not found: "CART_TTL"' if DEPLOY == 'v2'
    content_type :json
    JSON.generate(items: [], currency: 'EUR')
  end

  get '/api/checkout' do
    err(500, 'config_missing', 'CHECKOUT_KEY is not set') if ENV.fetch('CHECKOUT_KEY', '').empty?
    content_type :json
    '{"checkout":"ready"}'
  end

  get '/api/inventory' do
    begin
      dep('DEP_DOWN')
    rescue SystemCallError => e
      err(502, 'bad_gateway', "inventory service unreachable: #{e.message}")
    end
    content_type :json
    '{"ok":true}'
  end

  get '/api/quotes' do
    begin
      dep('DEP_SLOW')
    rescue Timeout::Error
      err(504, 'gateway_timeout', 'pricing service did not answer within 1s')
    end
    content_type :json
    '{"ok":true}'
  end

  get '/api/payments' do
    begin
      dep('DEP_DOWN')
    rescue SystemCallError
      err(503, 'service_unavailable', 'payment provider unavailable', 'Retry-After' => '30')
    end
    content_type :json
    '{"ok":true}'
  end

  get '/api/search' do
    err(429, 'rate_limited', 'too many requests: search is shedding load', 'Retry-After' => '10') if flag?('overloaded')
    content_type :json
    '{"results":[]}'
  end

  get '/api/bulk' do
    err(503, 'overloaded', 'worker queue full (64/64), try again later', 'Retry-After' => '20') if flag?('overloaded')
    content_type :json
    '{"queued":0}'
  end

  get '/api/thumbnails' do
    begin
      String.new(capacity: 2**50)
    rescue NoMemoryError => e
      err(500, 'out_of_memory', "thumbnail render failed: #{e.class}: #{e.message}")
    end
    content_type :json
    '{"ok":true}'
  end

  get '/api/feed' do
    request.env['rack.hijack'].call
    io = request.env['rack.hijack_io']
    io.write("OK feed v2 ready\n")
    io.close
    [200, {}, []]
  end

  post '/api/receipts' do
    body = request.body.read
    err(422, 'invalid', 'amount is required') unless body.include?('amount')
    File.open(File.join(DATA_DIR, 'receipts.log'), 'a') { |f| f.write(body + "\n") }
    status 201
    content_type :json
    '{"stored":true}'
  end

  get '/api/export' do
    sleep 6
    content_type :json
    '{"rows":0}'
  end

  get '/healthz' do
    content_type :json
    halt 503, '{"status":"fail"}' if flag?('unhealthy')
    '{"status":"ok"}'
  end
end
