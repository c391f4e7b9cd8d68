# Round-83 corpus (capture-round83.sh), copied from round 75 (capture-round75.sh): the Wayfarer shipments API on Sinatra
# (classic style off: a modular app) under Puma with ONE thread (-t 1:1),
# behind Caddy. The routes of every round-75 app (see litestar_app.py).
# Sinatra's own answers in production: "<h1>Not Found</h1>" for an unrouted
# path and "<h1>Internal Server Error</h1>" for an uncaught error.
# Dependencies through Net::HTTP (open/read timeouts 1 s).
require 'sinatra/base'
require 'json'
require 'net/http'

class Shipments < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :dump_errors, true
  FLAGS = ENV.fetch('FLAG_DIR', '/nonexistent')
  # round 83: the dependency ports come from the environment (round 75 had 61298, 61297)
  DEP_DOWN = Integer(ENV.fetch('DEP_DOWN', '61298'))
  DEP_HUNG = Integer(ENV.fetch('DEP_HUNG', '61297'))
  PAGE_502 = <<~HTML
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
    <body><h1>Bad Gateway</h1>
    <p>The label printer service is not reachable. Try again in a minute.</p>
    <hr><p>Wayfarer Shipments</p></body></html>
  HTML

  helpers do
    def json(status, data, extra = {})
      content_type :json
      headers extra
      halt status, JSON.generate(data)
    end

    def dep(port)
      Net::HTTP.start('127.0.0.1', port, open_timeout: 1, read_timeout: 1) { |h| h.get('/') }
      :ok
    rescue Net::ReadTimeout, Net::OpenTimeout
      :timeout
    rescue SystemCallError
      :refused
    end
  end

  before '/api/*' do
    if File.exist?(File.join(FLAGS, 'draining'))
      json 503, { error: 'draining', message: 'this instance is shutting down, retry on another' }, 'Retry-After' => '30'
    end
  end

  get '/api/shipments/:id' do
    id = params[:id]
    json 400, { error: 'bad_request', message: 'shipment id must be a number' } unless id =~ /\A\d+\z/
    json 404, { error: 'not_found', message: "shipment #{id} not found" } unless id == '1'
    json 200, { id: 1, carrier: 'DHL', status: 'in_transit', eta: '2026-12-07' },
         'Cache-Control' => 'public, max-age=60', 'ETag' => '"shp-1-v3"'
  end

  get '/api/account' do
    json 401, { error: 'unauthorized', message: 'missing bearer token' }, 'WWW-Authenticate' => 'Bearer realm="shipments"'
  end

  post '/api/shipments' do
    b = begin JSON.parse(request.body.read) rescue nil end
    unless b.is_a?(Hash) && b['carrier'] && b['weight'].to_f > 0
      json 422, { error: 'validation_failed', fields: { weight: 'must be greater than 0' } }
    end
    json 201, { id: 2, carrier: b['carrier'], status: 'created' }, 'Location' => '/api/shipments/2'
  end

  get('/api/boom') { nil.load_carriers }
  get('/api/slow') { sleep 5; json 200, { status: 'ok', waited: 5 } }
  get('/api/export') { sleep 6; json 200, { status: 'ok', rows: 1200 } }

  get '/api/rates' do
    json 502, { error: 'bad_gateway', message: 'carrier rates service unreachable', dependency: 'carrier-rates' } unless dep(DEP_DOWN) == :ok
    json 200, { rates: [] }
  end

  get '/api/tracking/:id' do
    json 504, { error: 'gateway_timeout', message: 'tracking service did not answer within 1s', dependency: 'tracking' } unless dep(DEP_HUNG) == :ok
    json 200, { events: [] }
  end

  get '/api/labels/:id' do
    halt 502, { 'Content-Type' => 'text/html;charset=utf-8' }, PAGE_502 unless dep(DEP_DOWN) == :ok
    '<p>label</p>'
  end

  get '/healthz' do
    json 503, { status: 'failing', checks: { database: 'timeout' } } if File.exist?(File.join(FLAGS, 'unhealthy'))
    json 200, { status: 'ok' }
  end
end
