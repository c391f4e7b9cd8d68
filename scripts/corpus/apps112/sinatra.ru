# Round 112: a small Sinatra API (Osprey rentals) on Puma for Varnish.
# /api/rentals/1 public max-age=300 with ETag + Last-Modified; rental 9's
# JSON 404 public max-age=120; /api/rates public max-age=2; the rest no-store.
require 'sinatra/base'
require 'json'

class Osprey < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  LM = 'Mon, 02 Jun 2025 08:00:00 GMT'

  helpers do
    def fail_json(status_code, code, message, age = 0)
      headers 'Cache-Control' => (age > 0 ? "public, max-age=#{age}" : 'no-store')
      content_type :json
      halt status_code, JSON.generate(error: { status: status_code, code: code, message: message })
    end
  end

  get '/api/rentals/:id' do
    id = params[:id]
    fail_json(400, 'BAD_REQUEST', 'rental id must be a number') unless id =~ /\A[0-9]+\z/
    if id == '1'
      headers 'Cache-Control' => 'public, max-age=300', 'ETag' => '"os-r1-v4"', 'Last-Modified' => LM
      content_type :json
      return JSON.generate(id: 1, kayak: 'Tern 14', days: 3)
    end
    fail_json(404, 'NOT_FOUND', "rental #{id} not found", id == '9' ? 120 : 0)
  end

  get '/api/rates' do
    headers 'Cache-Control' => 'public, max-age=2', 'ETag' => '"os-rates-v7"', 'Last-Modified' => LM
    content_type :json
    JSON.generate(day: '45.00', currency: 'USD')
  end

  get '/api/me' do
    headers 'WWW-Authenticate' => 'Bearer realm="osprey"'
    fail_json(401, 'UNAUTHORIZED', 'missing or invalid bearer token')
  end

  get '/api/boom' do
    raise KeyError, 'fleet'
  end

  error KeyError do
    headers 'Cache-Control' => 'no-store'
    content_type :json
    JSON.generate(error: { status: 500, code: 'INTERNAL', message: "KeyError: #{env['sinatra.error'].message}" })
  end

  get '/api/slow' do
    sleep 5
    content_type :json
    JSON.generate(ok: true, waited: 5)
  end

  get '/healthz' do
    headers 'Cache-Control' => 'no-store'
    content_type :json
    '{"ok":true}'
  end
end

run Osprey
