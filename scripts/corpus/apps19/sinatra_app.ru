# Round-19 corpus: the accounts API, Sinatra (classic Rack app) under Puma
# in production with nothing in front. Sinatra's own pages answer an
# unrouted path and an unhandled error; Puma answers malformed requests.
require 'sinatra/base'
require 'json'

class Accounts < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false

  get('/api/accounts/1') { content_type :json; { id: 1, name: 'Ada' }.to_json }
  get('/api/accounts/:id') { content_type :json; halt 404, { error: 'account_not_found' }.to_json }
  get('/api/admin/audit') do
    headers 'WWW-Authenticate' => 'Bearer realm="accounts"'
    content_type :json
    halt 401, { error: 'unauthorized' }.to_json
  end
  post('/api/accounts') { content_type :json; halt 422, { error: 'validation_failed', fields: { email: 'is invalid' } }.to_json }
  get('/api/boom') { raise ArgumentError, 'bad currency' }
  get('/api/maintenance') { content_type :json; headers 'Retry-After' => '300'; halt 503, { error: 'maintenance' }.to_json }
end

run Accounts
