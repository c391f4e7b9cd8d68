# Round 85: the Gannet items API (Sinatra 3 on Puma, production), behind Squid.
# The edges: Sinatra's own "<h1>Not Found</h1>" for an unknown route and
# "<h1>Internal Server Error</h1>" (show_exceptions off); the app's JSON 400
# (bad JSON), 401 (with and without WWW-Authenticate), 403, 404 for an
# unknown id, 405 (Sinatra has none of its own), 406, 409, 410, 415, 422, an
# in-app 429, a maintenance 503 (a flag file), redirect 301/302/307/308,
# 201/202/204, a 5 s slow route. Item 1 and the 410 for item 7 are cacheable.
require 'sinatra/base'
require 'json'

class Gannet < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :dump_errors, false
  set :protection, false
  FLAG_DIR = ENV.fetch('FLAG_DIR', '/nonexistent')
  HITS = Hash.new(0)
  ITEM = { id: 1, name: 'cedar oar', stock: 9 }

  helpers do
    def err(status, code, message, hdrs = {})
      headers hdrs
      halt status, { 'Content-Type' => 'application/json' }, JSON.generate(error: code, message: message)
    end
  end

  get '/api/items/:id' do
    id = params[:id].to_i
    acc = request.env['HTTP_ACCEPT'] || '*/*'
    err 406, 'not_acceptable', 'only application/json is served here' unless acc.include?('json') || acc.include?('*/*')
    err 410, 'gone', 'item 7 was retired on 2026-01-31', 'Cache-Control' => 'public, max-age=60' if id == 7
    err 404, 'not_found', "item #{id} does not exist" unless id == 1
    content_type :json
    cache_control :public, max_age: 60
    etag 'gn-item-1-v4'
    JSON.generate(ITEM)
  end
  delete('/api/items/:id') { status 204; '' }
  patch('/api/items/:id') { err 405, 'method_not_allowed', 'PATCH is not allowed here', 'Allow' => 'GET, DELETE' }

  post '/api/items' do
    err 415, 'unsupported_media_type', 'Content-Type must be application/json' unless request.media_type == 'application/json'
    body = begin
      JSON.parse(request.body.read)
    rescue JSON::ParserError => e
      err 400, 'malformed_json', e.message.lines.first.strip
    end
    missing = %w[name stock].reject { |f| body.key?(f) }
    unless missing.empty?
      halt 422, { 'Content-Type' => 'application/json' }, JSON.generate(error: 'validation_failed', fields: missing.to_h { |f| [f, ["can't be blank"]] })
    end
    err 409, 'conflict', "an item named '#{ITEM[:name]}' already exists (id 1)" if body['name'] == ITEM[:name]
    status 201
    headers 'Location' => '/api/items/2'
    content_type :json
    JSON.generate({ id: 2 }.merge(body))
  end

  post '/api/reports' do
    status 202
    headers 'Location' => '/api/reports/jobs/rep-3'
    content_type :json
    JSON.generate(job: 'rep-3', state: 'queued')
  end

  get '/api/me' do
    auth = request.env['HTTP_AUTHORIZATION'].to_s
    err 401, 'unauthorized', 'bearer token required', 'WWW-Authenticate' => 'Bearer realm="gannet"' unless auth.start_with?('Bearer ')
    err 401, 'invalid_token', 'token expired', 'WWW-Authenticate' => 'Bearer realm="gannet", error="invalid_token"' unless auth == 'Bearer user-token'
    content_type :json
    JSON.generate(user: 'dana', role: 'user')
  end
  get '/api/keys' do
    err 401, 'unauthorized', 'missing X-API-Key header' if request.env['HTTP_X_API_KEY'].to_s.empty?
    content_type :json
    '{"keys":[]}'
  end
  get '/api/admin/audit' do
    auth = request.env['HTTP_AUTHORIZATION'].to_s
    err 403, 'forbidden', "role 'user' may not read the audit log" if auth == 'Bearer user-token'
    err 401, 'unauthorized', 'bearer token required', 'WWW-Authenticate' => 'Bearer realm="gannet"' if auth.empty?
    content_type :json
    '{"entries":[]}'
  end
  get '/api/search' do
    cache_control :no_store
    who = request.env['HTTP_X_FORWARDED_FOR'] || request.ip
    n = (HITS[who] += 1) # a fixed window from the start of the process
    err 429, 'rate_limited', '2 searches a minute', 'Retry-After' => (60 - Time.now.to_i % 60).to_s if n > 2
    content_type :json
    JSON.generate(q: params[:q].to_s, results: [])
  end
  get '/api/billing/*' do
    err 503, 'maintenance', 'billing is in maintenance until 21:30 UTC', 'Retry-After' => '900' if File.exist?(File.join(FLAG_DIR, 'maintenance'))
    content_type :json
    '{"invoices":[]}'
  end
  get('/api/v1/items/:id') { redirect "/api/items/#{params[:id]}", 301 }
  get('/api/latest') { redirect '/api/items/1', 302 }
  post('/api/items/:id/archive') { redirect "/api/archive/items/#{params[:id]}", 307 }
  post('/api/v1/items') { redirect '/api/items', 308 }
  get('/api/boom') { raise 'ledger cursor lost' }
  get '/api/slow' do
    sleep 5
    content_type :json
    '{"slow":true}'
  end
end
