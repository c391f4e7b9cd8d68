# Round 96: a Sinatra 3 catalog API (Brackenridge Seeds) on WEBrick behind
# Squid as a reverse accelerator: `ruby sinatra_catalog.rb PORT`. WEBrick
# names itself (`Server: WEBrick/1.8.1 (Ruby/3.1.2/...)`). Round 74's catalog
# paths: /api/products/1 (public, max-age=300, a strong ETag, Last-Modified),
# /api/rates (public, max-age=2), the 404 for product 9 (public,
# max-age=120); everything else says no-store. Production environment: an
# unrouted path is Sinatra's "<h1>Not Found</h1>", an unhandled error its
# "<h1>Internal Server Error</h1>".
require 'sinatra/base'
require 'json'

class Catalog < Sinatra::Base
  set :environment, :production
  set :server, 'webrick'
  set :bind, '127.0.0.1'
  set :port, Integer(ARGV[0] || 59703)
  set :show_exceptions, false
  set :raise_errors, false
  set :logging, false
  set :protection, false

  LM = 'Mon, 02 Jun 2025 08:00:00 GMT'

  helpers do
    def cached(age, etag)
      headers 'Cache-Control' => "public, max-age=#{age}", 'ETag' => %("#{etag}"), 'Last-Modified' => LM
    end

    def fail_json(status, code, message, age = nil)
      headers 'Cache-Control' => (age ? "public, max-age=#{age}" : 'no-store')
      content_type :json
      halt status, JSON.generate(error: { code: code, message: message })
    end
  end

  get '/api/products/:id' do
    id = params[:id]
    fail_json(400, 'BAD_REQUEST', 'product id must be a number') unless id =~ /\A\d+\z/
    if id == '1'
      cached(300, 'br-p1-v2')
      content_type :json
      return JSON.generate(id: 1, sku: 'BR-TOM-SM', name: 'Tomato seeds, San Marzano', price: '3.40')
    end
    fail_json(404, 'NOT_FOUND', "product #{id} not found", id == '9' ? 120 : nil)
  end

  get '/api/rates' do
    cached(2, 'br-rates-v9')
    content_type :json
    JSON.generate(GBP: 1, EUR: '1.1790', as_of: '2025-06-02')
  end

  get '/api/orders/:id' do
    fail_json(404, 'NOT_FOUND', "order #{params[:id]} not found")
  end

  post '/api/orders' do
    body = JSON.parse(request.body.read) rescue {}
    fail_json(422, 'VALIDATION_FAILED', 'sku is required') unless body.is_a?(Hash) && body['sku']
    headers 'Cache-Control' => 'no-store'
    content_type :json
    status 201
    JSON.generate(id: 4410, sku: body['sku'], status: 'pending')
  end

  get '/api/account' do
    headers 'WWW-Authenticate' => 'Bearer realm="brackenridge"'
    fail_json(401, 'UNAUTHORIZED', 'missing or invalid bearer token')
  end

  get '/api/quota' do
    headers 'Retry-After' => '30'
    fail_json(429, 'RATE_LIMITED', 'too many requests for this key')
  end

  get '/api/maintenance' do
    headers 'Retry-After' => '600'
    fail_json(503, 'MAINTENANCE', 'the catalog is read-only during the nightly import')
  end

  get '/api/boom' do
    raise 'seed ledger out of balance'
  end

  get '/api/slow' do
    sleep 5
    content_type :json
    JSON.generate(ok: true, waited: 5)
  end

  get '/api/statements' do
    headers 'Cache-Control' => 'no-store'
    content_type 'text/html; charset=utf-8'
    halt 503, <<~HTML
      <!DOCTYPE html>
      <html><head><title>503 Service Unavailable - Brackenridge Seeds</title></head>
      <body><h1>Service Unavailable</h1><p>Statements are being rebuilt. Try again later.</p></body></html>
    HTML
  end

  run! if app_file == $0
end
