# Round-31 corpus: a Sinatra 3 catalogue in production under Puma, behind
# nginx behind Varnish. The product pages are cacheable (max-age 60, an
# ETag), the rest are not; Sinatra's own pages for what it does not route and
# for an unhandled exception (production: no backtrace).
#   puma -e production -b tcp://127.0.0.1:PORT sinatra_app.ru
require 'sinatra/base'
require 'json'

class Catalogue < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :host_authorization, { permitted_hosts: [] } if settings.respond_to?(:host_authorization)

  get '/products/:id' do
    content_type :json
    halt 404, { error: 'product_not_found', id: params[:id] }.to_json unless params[:id] == '1'
    cache_control :public, max_age: 60
    etag 'product-1-v3'
    { id: 1, name: 'kettle', price: 3900 }.to_json
  end

  get '/cart' do
    content_type :json
    cache_control :private, :no_store
    { items: [] }.to_json
  end

  get '/boom' do
    nil.fetch(:price)
  end

  get '/maintenance' do
    content_type :json
    halt 503, { 'Retry-After' => '120' }, { error: 'maintenance' }.to_json
  end

  get '/slow' do
    sleep 5
    'late'
  end
end

run Catalogue
