# Round-43 corpus: a small catalog API on Sinatra under Puma (production). It
# makes its own trace id (X-Trace-Id, and trace_id in JSON errors) and never
# looks at the X-Request-ID HAProxy sends.
# `puma -b tcp://127.0.0.1:PORT -e production sinatra_app.ru`.
require 'sinatra/base'
require 'json'
require 'securerandom'

class Catalog < Sinatra::Base
  set :show_exceptions, false
  set :raise_errors, false

  before do
    @trace = SecureRandom.hex(8)
    headers 'X-Trace-Id' => @trace
    content_type :json if request.path_info.start_with?('/api/')
  end

  def fail!(status, code, msg, extra = {})
    halt status, extra, { error: code, message: msg, trace_id: @trace }.to_json
  end

  get('/api/products/1') { { id: 1, sku: 'TEA-001', name: 'Sencha' }.to_json }
  get('/api/products/:id') { fail!(404, 'not_found', "Product #{params[:id]} not found") }
  post('/api/products') { fail!(422, 'invalid', 'price must be a positive integer') }
  get('/api/account') { fail!(401, 'unauthorized', 'missing bearer token', 'WWW-Authenticate' => 'Bearer') }
  get('/api/quota') { fail!(429, 'rate_limited', 'too many exports today', 'Retry-After' => '30') }
  get('/api/maintenance') { fail!(503, 'maintenance', 'back at 06:00 UTC', 'Retry-After' => '600') }
  get('/api/boom') { nil.fetch(:total) }
  get '/api/slow' do
    sleep 5
    { status: 'late' }.to_json
  end
end

run Catalog
