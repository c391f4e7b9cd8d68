// Round-67 corpus: round 63's Hono app (../apps63/hono_app.js) with two
// changes: /api/invoices/1 and a new /api/rates are cacheable (Cache-Control:
// public, an ETag) for the cache in front, as round 63 made its Echo app
// cacheable, and an invoice id that is not a number is the handler's JSON
// 400. The Ledgerly invoices API (routes as in
// ../apps55/fastapi_app.py) on Hono 4 served by @hono/node-server (Node 20).
// Hono's own answers stay stock: its default notFound ("404 Not Found") and
// onError ("Internal Server Error"). The app's pages and invoices are round
// 55's (../apps55/pages.js). No request id is set.
// Usage: node hono_cached.js PORT (binds 127.0.0.1).
const path = require('path');
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');
const { page, INVOICES } = require(path.join(__dirname, '..', 'apps55', 'pages.js'));

const app = new Hono();
const port = Number(process.argv[2]);

const err = (c, status, code, message, headers = {}) => {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: code, message }, status);
};

app.get('/api/invoices/:id', (c) => {
  if (!/^[0-9]+$/.test(c.req.param('id'))) return err(c, 400, 'bad_request', 'invoice id must be a number');
  const inv = INVOICES[c.req.param('id')];
  if (inv) {
    c.header('Cache-Control', 'public, max-age=60');
    c.header('ETag', '"inv-1-v3"');
    return c.json(inv);
  }
  return err(c, 404, 'invoice_not_found', `no invoice ${c.req.param('id')}`);
});
app.get('/api/rates', (c) => {
  c.header('Cache-Control', 'public, max-age=1');
  c.header('ETag', '"rates-2026-12"');
  return c.json({ base: 'EUR', USD: '1.0842', GBP: '0.8571', as_of: '2026-12-04' });
});
app.post('/api/invoices', async (c) => {
  let b = null;
  try { b = await c.req.json(); } catch (e) { b = null; }
  if (!b || typeof b !== 'object' || !('ref' in b)) return err(c, 422, 'validation_failed', "field 'ref' is required");
  if (b.ref === 'LG-1001') return err(c, 409, 'duplicate_ref', `an invoice with ref ${b.ref} already exists`);
  return c.json({ id: 2, ref: b.ref, status: 'draft' }, 201);
});
app.get('/api/account', (c) =>
  err(c, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="ledgerly"' }));
app.get('/api/admin', (c) => err(c, 403, 'forbidden', 'your role may not open the admin area'));
app.get('/api/quota', (c) => err(c, 429, 'rate_limited', '100 requests per minute per key', { 'Retry-After': '30' }));
app.get('/api/maintenance', (c) =>
  err(c, 503, 'maintenance', 'invoices are read-only during the ledger migration', { 'Retry-After': '120' }));
for (const [p, s] of [['/api/payments', 502], ['/api/statements', 503], ['/api/bank', 504]]) {
  app.get(p, (c) => c.html(page(s), s));
}
app.get('/api/boom', () => { throw new Error('ledger total overflow'); });
app.get('/api/slow', async (c) => { await new Promise((r) => setTimeout(r, 5000)); return c.json({ slow: true }); });
app.get('/healthz', (c) => c.text('ok'));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
