'use strict';
// Round-45 corpus: the orders API on tinyhttp 3 with milliparsec's JSON
// parser.   node tinyhttp_app.js PORT
//
// tinyhttp's own answers: its plain "Not Found" for an unknown path (also for
// a method no route has) and its default onError for an uncaught exception.
// The handlers write JSON for the rest. /api/catalog is cacheable (for
// Traffic Server).

const { App } = require('@tinyhttp/app');
const { json } = require('milliparsec');
const { ORDER, CATALOG, CATALOG_HEADERS, portArg, sleep } = require('./common');

const app = new App({ settings: { xPoweredBy: true } });
const fail = (res, status, code, message, headers = {}) => res.status(status).set(headers).json({ error: code, message });

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/catalog', (req, res) => res.set(CATALOG_HEADERS).json(CATALOG));
app.get('/api/orders/:oid', (req, res) => {
  if (req.params.oid === '1') return res.json(ORDER);
  return fail(res, 404, 'not_found', `order ${req.params.oid} not found`);
});
app.post('/api/orders', json(), (req, res) => {
  const body = req.body || {};
  if (typeof body.qty !== 'number' || body.qty < 1) return fail(res, 422, 'validation_failed', 'qty must be at least 1');
  return res.status(201).set('Location', '/api/orders/2').json({ id: 2, sku: body.sku, qty: body.qty, status: 'pending' });
});
app.get('/api/admin/reports', (req, res) => {
  const auth = req.headers.authorization || '';
  if (!auth.startsWith('Bearer ')) {
    return fail(res, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="orders"' });
  }
  if (auth !== 'Bearer admin-token') return fail(res, 403, 'forbidden', 'reports:read scope required');
  return res.json({ reports: [] });
});
app.post('/api/orders/:oid/cancel', (req, res) => fail(res, 409, 'conflict', `order ${req.params.oid} has already shipped`));
app.get('/api/limited', (req, res) => fail(res, 429, 'rate_limited', 'too many requests, retry in 30 s', { 'Retry-After': '30' }));
app.get('/api/boom', () => { const totals = {}; return totals.EUR.amount; }); // TypeError: not handled
app.get('/api/maintenance', (req, res) => fail(res, 503, 'maintenance', 'orders are read-only during the migration', { 'Retry-After': '120' }));
app.get('/api/slow', async (req, res) => { await sleep(5000); res.json({ status: 'late' }); });
app.post('/api/upload', (req, res) => {
  let n = 0;
  req.on('data', (c) => { n += c.length; });
  req.on('end', () => res.json({ received: n }));
});

app.listen(portArg(process.argv[2]), undefined, '127.0.0.1');
