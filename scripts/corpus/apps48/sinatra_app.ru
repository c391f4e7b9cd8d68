# Round-48 corpus: the orders API on Sinatra under Puma (Debian's packages):
# `puma -b tcp://127.0.0.1:PORT -e production sinatra_app.ru`. Rack's cookie
# session with an expiry; no CORS handling at all, so a preflight OPTIONS
# finds no route (Sinatra's 404).
require 'sinatra/base'
require 'json'

class Orders < Sinatra::Base
  set :show_exceptions, false
  set :raise_errors, false
  use Rack::Session::Cookie, key: 'orders.session', secret: 'round48-not-a-secret-' * 4,
                             expire_after: 900, same_site: :lax

  before { content_type :json if request.path_info.start_with?('/api/') }

  get('/api/health') { { status: 'ok' }.to_json }

  get '/api/orders/:id' do
    halt 404, { error: 'not_found', message: "Order #{params[:id]} not found" }.to_json unless params[:id] == '1'
    { id: 1, sku: 'A-1' }.to_json
  end

  delete '/api/orders/:id' do
    headers 'Allow' => 'GET'
    halt 405, { error: 'method_not_allowed', message: 'orders cannot be deleted' }.to_json
  end

  get '/dev/login' do
    session[:user] = 'ada'
    session[:at] = Time.now.to_i - params.fetch('age', '0').to_i
    { ok: true }.to_json
  end

  get '/account' do
    redirect to('/login?next=/account') unless session[:user]
    if Time.now.to_i - session[:at].to_i > 900
      session.clear
      redirect to('/login?next=/account&expired=1')
    end
    { user: session[:user] }.to_json
  end

  get('/login') { '<!doctype html><title>Sign in</title><h1>Sign in</h1>' }
end

run Orders
