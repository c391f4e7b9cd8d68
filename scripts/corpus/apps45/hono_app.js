'use strict';
// Round-45 corpus: the orders API on Hono 4 with @hono/node-server.
//   node hono_app.js PORT
//
// Hono's own answers: "404 Not Found" (text) for an unknown path, the
// bearer-auth middleware's 401 (no token, or one it does not know), the
// validator's 400 for a body that is not JSON, and "Internal Server Error"
// (text) from the default onError. The handlers write JSON for the rest.

const { Hono } = require('hono');
const { bearerAuth } = require('hono/bearer-auth');
const { validator } = require('hono/validator');
const { serve } = require('@hono/node-server');
const { ORDER, CATALOG, CATALOG_HEADERS, portArg, sleep } = require('./common');

const app = new Hono();
const fail = (c, status, code, message, headers = {}) => c.json({ error: code, message }, status, headers);

app.get('/api/health', (c) => c.json({ status: 'ok' }));
app.get('/api/catalog', (c) => c.json(CATALOG, 200, CATALOG_HEADERS));
app.get('/api/orders/:oid', (c) => {
  const oid = c.req.param('oid');
  return oid === '1' ? c.json(ORDER) : fail(c, 404, 'not_found', `order ${oid} not found`);
});
app.post('/api/orders', validator('json', (value, c) => {
  if (typeof value.qty !== 'number' || value.qty < 1) return fail(c, 422, 'validation_failed', 'qty must be at least 1');
  return value;
}), (c) => {
  const body = c.req.valid('json');
  return c.json({ id: 2, sku: body.sku, qty: body.qty, status: 'pending' }, 201, { Location: '/api/orders/2' });
});
app.use('/api/admin/*', bearerAuth({ token: ['admin-token', 'user-token'] }));
app.get('/api/admin/reports', (c) => {
  if (c.req.header('authorization') !== 'Bearer admin-token') return fail(c, 403, 'forbidden', 'reports:read scope required');
  return c.json({ reports: [] });
});
app.post('/api/orders/:oid/cancel', (c) => fail(c, 409, 'conflict', `order ${c.req.param('oid')} has already shipped`));
app.get('/api/limited', (c) => fail(c, 429, 'rate_limited', 'too many requests, retry in 30 s', { 'Retry-After': '30' }));
app.get('/api/boom', () => { const totals = {}; return totals.EUR.amount; }); // TypeError: not handled
app.get('/api/maintenance', (c) => fail(c, 503, 'maintenance', 'orders are read-only during the migration', { 'Retry-After': '120' }));
app.get('/api/slow', async (c) => { await sleep(5000); return c.json({ status: 'late' }); });
app.post('/api/upload', async (c) => c.json({ received: (await c.req.arrayBuffer()).byteLength }));

serve({ fetch: app.fetch, port: portArg(process.argv[2]), hostname: '127.0.0.1' });
