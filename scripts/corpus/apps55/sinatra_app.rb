# Round-55 corpus: the Ledgerly invoices API on Sinatra 3 (classic style),
# served by Puma through sinatra.ru. Routes as in fastapi_app.py. No
# request id is set.
require 'sinatra/base'
require 'json'

class LedgerlyApp < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :logging, false

  INVOICES = { 1 => { id: 1, ref: 'LG-1001', status: 'sent', total: '120.00', currency: 'EUR' } }.freeze
  PAGES = {
    502 => ['502 Bad Gateway', 'Bad Gateway', 'The card processor sent back a reply we could not parse. No payment was taken.'],
    503 => ['503 Service Unavailable', 'Service Unavailable', 'Statements are being regenerated for the new tax year. Please come back in a few minutes.'],
    504 => ['504 Gateway Timeout', 'Gateway Timeout', 'The bank feed did not answer in time. Your balances are unchanged; try again shortly.'],
  }.freeze

  def page(status)
    title, h1, text = PAGES[status]
    "<!doctype html>\n<html><head><title>#{title}</title></head>\n<body>\n<h1>#{h1}</h1>\n<p>#{text}</p>\n" \
      "<hr><p>Ledgerly invoicing</p>\n</body></html>\n"
  end

  def err(status_code, code, message, extra = {})
    status status_code
    headers extra
    content_type :json
    JSON.generate(error: code, message: message)
  end

  get '/api/invoices/:id' do
    inv = INVOICES[params[:id].to_i]
    if inv
      content_type :json
      JSON.generate(inv)
    else
      err(404, 'invoice_not_found', "no invoice #{params[:id]}")
    end
  end

  post '/api/invoices' do
    data = begin
      JSON.parse(request.body.read)
    rescue JSON::ParserError
      nil
    end
    return err(422, 'validation_failed', "field 'ref' is required") unless data.is_a?(Hash) && data.key?('ref')
    return err(409, 'duplicate_ref', "an invoice with ref #{data['ref']} already exists") if data['ref'] == 'LG-1001'
    status 201
    content_type :json
    JSON.generate(id: 2, ref: data['ref'], status: 'draft')
  end

  get('/api/account') { err(401, 'unauthorized', 'a bearer token is required', 'WWW-Authenticate' => 'Bearer realm="ledgerly"') }
  get('/api/admin') { err(403, 'forbidden', 'your role may not open the admin area') }
  get('/api/quota') { err(429, 'rate_limited', '100 requests per minute per key', 'Retry-After' => '30') }
  get('/api/maintenance') { err(503, 'maintenance', 'invoices are read-only during the ledger migration', 'Retry-After' => '120') }
  { '/api/payments' => 502, '/api/statements' => 503, '/api/bank' => 504 }.each do |path, code|
    get(path) { status code; content_type :html; page(code) }
  end
  get('/api/boom') { raise ZeroDivisionError, 'divided by 0' }
  get('/api/slow') { sleep 5; content_type :json; '{"slow":true}' }
  get('/healthz') { content_type :text; 'ok' }
end
