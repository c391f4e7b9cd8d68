# Rack app for the round-4 evidence corpus (capture-round4.sh), run by
# Unicorn and by Thin (both bind 127.0.0.1 only):
#   unicorn -E deployment -l 127.0.0.1:PORT scripts/corpus/apps4.ru
#   thin -e production -a 127.0.0.1 -p PORT -R scripts/corpus/apps4.ru start
#
# /api/...  a Grape API (JSON): /api/users/42 200, other ids error!(404);
#           /api/boom raises (Grape's rescue_from :all answers a JSON 500);
#           /api/down error!(503); /api/pay the APP's own JSON 502;
#           /api/maint the APP's own HTML 503; unknown routes Grape's 404
# /raw/...  a bare Rack endpoint that raises: nothing catches it, so the
#           server (Unicorn or Thin) writes the 500 itself
require 'json'
require 'grape'

DOWN_HTML = <<~HTML
  <!DOCTYPE html>
  <html>
  <head><title>503 Service Unavailable</title></head>
  <body>
  <h1>Service Unavailable</h1>
  <p>The orders service is temporarily unable to handle your request. Please try again later.</p>
  </body>
  </html>
HTML

class Orders < Grape::API
  format :json
  prefix :api
  rescue_from :all do |_e|
    error!({ error: 'internal_error', message: 'unexpected error while loading orders' }, 500)
  end

  get(:health) { { status: 'ok' } }
  get 'users/:id' do
    error!('user not found', 404) unless params[:id] == '42'
    { id: 42, name: 'Ada' }
  end
  get(:boom) { raise 'ledger connection lost' }
  get(:down) { error!('orders database under maintenance', 503, 'Retry-After' => '120') }
  get :pay do
    status 502
    { error: { code: 'bad_gateway', message: 'payment provider returned an invalid response' } }
  end
  get :maint do
    content_type 'text/html'
    env['api.format'] = :txt
    status 503
    header 'Retry-After', '120'
    body DOWN_HTML
  end
end

# a prefix before /api/ is dropped, so proxies can route by path
strip = lambda do |app|
  lambda do |env|
    env['PATH_INFO'] = Regexp.last_match(1) if env['PATH_INFO'] =~ %r{\A/[^/]+(/api/.*)\z}
    app.call(env)
  end
end

map('/raw') { run ->(env) { raise "worker crashed on #{env['PATH_INFO']}" } }
map('/') { run strip.call(Orders) }
