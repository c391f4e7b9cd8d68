# Round 88: the Larch orders API (Sinatra 3 on Puma, production, ONE thread),
# behind Caddy. Incident routes as in common.py. Sinatra writes its own
# "<h1>Not Found</h1>" and "<h1>Internal Server Error</h1>".
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
      err(404, 'not_found', "order #{id} does not exist") unless id == 1
      headers 'Cache-Control' => 'public, max-age=2', 'ETag' => '"la-1001-v1"'
      content_type :json
      JSON.generate(id: 1, ref: 'LA-1001', replica: ENV.fetch('REPLICA', 'larch-1'))
    end
  end

  get '/api/cart' do
    raise KeyError, 'key not found: "CART_TTL"' if DEPLOY == 'v2'
    content_type :json
    JSON.generate(items: [], currency: 'EUR')
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

  post '/api/receipts' do
    File.open(File.join(DATA_DIR, 'receipts.log'), 'a') { |f| f.write(request.body.read + "\n") }
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
    halt 503, '{"status":"fail"}' if File.exist?(File.join(FLAG_DIR, 'unhealthy'))
    '{"status":"ok"}'
  end
end
