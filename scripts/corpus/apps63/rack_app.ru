# Round-63 corpus: the Ledgerly invoices API (routes as in
# ../apps55/fastapi_app.py) as a plain Rack app (no framework), served by
# Puma. A hand-written router, the way a small Ruby service is often
# written: JSON errors from the handlers, a plain "Not Found" for paths it
# does not know, a 405 with Allow for a wrong method, the app's own HTML
# 502/503/504 pages; an exception is not rescued, so Puma writes its own
# low-level 500. No request id is set.
require 'json'

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

def json(status, body, extra = {})
  [status, { 'content-type' => 'application/json' }.merge(extra), [JSON.generate(body)]]
end

def err(status, code, message, extra = {})
  json(status, { error: code, message: message }, extra)
end

GETS = {
  '/api/account' => -> { err(401, 'unauthorized', 'a bearer token is required', 'www-authenticate' => 'Bearer realm="ledgerly"') },
  '/api/admin' => -> { err(403, 'forbidden', 'your role may not open the admin area') },
  '/api/quota' => -> { err(429, 'rate_limited', '100 requests per minute per key', 'retry-after' => '30') },
  '/api/maintenance' => -> { err(503, 'maintenance', 'invoices are read-only during the ledger migration', 'retry-after' => '120') },
  '/api/payments' => -> { [502, { 'content-type' => 'text/html; charset=utf-8' }, [page(502)]] },
  '/api/statements' => -> { [503, { 'content-type' => 'text/html; charset=utf-8' }, [page(503)]] },
  '/api/bank' => -> { [504, { 'content-type' => 'text/html; charset=utf-8' }, [page(504)]] },
  '/api/boom' => -> { raise ZeroDivisionError, 'divided by 0' },
  '/api/slow' => -> { sleep 5; json(200, { slow: true }) },
  '/healthz' => -> { [200, { 'content-type' => 'text/plain' }, ['ok']] },
}.freeze

run(lambda do |env|
  path = env['PATH_INFO']
  verb = env['REQUEST_METHOD']
  if path == '/api/invoices'
    next [405, { 'content-type' => 'text/plain', 'allow' => 'POST' }, ['Method Not Allowed']] unless verb == 'POST'
    data = begin
      JSON.parse(env['rack.input'].read)
    rescue JSON::ParserError
      nil
    end
    next err(422, 'validation_failed', "field 'ref' is required") unless data.is_a?(Hash) && data.key?('ref')
    next err(409, 'duplicate_ref', "an invoice with ref #{data['ref']} already exists") if data['ref'] == 'LG-1001'
    next json(201, { id: 2, ref: data['ref'], status: 'draft' })
  end
  if (m = %r{\A/api/invoices/(\d+)\z}.match(path))
    next [405, { 'content-type' => 'text/plain', 'allow' => 'GET, HEAD' }, ['Method Not Allowed']] unless %w[GET HEAD].include?(verb)
    next json(200, { id: 1, ref: 'LG-1001', status: 'sent', total: '120.00', currency: 'EUR' }) if m[1] == '1'
    next err(404, 'invoice_not_found', "no invoice #{m[1]}")
  end
  handler = GETS[path]
  next [404, { 'content-type' => 'text/plain' }, ['Not Found']] unless handler
  next [405, { 'content-type' => 'text/plain', 'allow' => 'GET, HEAD' }, ['Method Not Allowed']] unless %w[GET HEAD].include?(verb)
  handler.call
end)
