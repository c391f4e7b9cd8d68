// Round 125: round 108's Corvid orders API (apps108/express_app.js) ported to
// Hono 4, served by Bun's own HTTP server (Bun.serve with app.fetch, as
// apps123/hono_bun_app.mjs). Same routes and statuses as the Express app: the
// app puts X-Request-Id (the caller's, or a fresh UUID) on every answer, its
// JSON errors carry it too; /api/payments and /api/statements are its own
// HTML 502/503 pages; unrouted paths get Hono's text "404 Not Found", a thrown
// error Hono's default onError text "Internal Server Error".
import { createRequire } from 'node:module';
const require = createRequire(process.env.NODE_PATH + '/');
const { Hono } = require('hono');
const port = Number(process.argv[2] || 60201);
const app = new Hono();
const ORDERS = { 1: { id: 1, ref: 'CV-1001', total: '12.00', currency: 'EUR', status: 'paid' } };

app.use('*', async (c, next) => {
  c.set('rid', c.req.header('X-Request-Id') || crypto.randomUUID());
  await next();
  c.res.headers.set('X-Request-Id', c.get('rid'));
});
const fail = (c, status, code, message) => c.json({ error: { code, message }, requestId: c.get('rid') }, status);

app.get('/api/orders/:id', (c) => {
  const id = c.req.param('id');
  if (!/^\d+$/.test(id)) return fail(c, 400, 'BAD_REQUEST', 'order id must be a number');
  const o = ORDERS[id];
  if (!o) return fail(c, 404, 'NOT_FOUND', `order ${id} not found`);
  return c.json(o);
});
app.post('/api/orders', async (c) => {
  let body = {};
  try { body = await c.req.json(); } catch { body = {}; }
  const ref = body && body.ref;
  if (!ref) return fail(c, 422, 'VALIDATION_ERROR', '"ref" is required');
  if (ref === 'CV-1001') return fail(c, 409, 'CONFLICT', `order ${ref} already exists`);
  return c.json({ id: 2, ref, status: 'pending' }, 201);
});
app.get('/api/account', (c) => {
  c.header('WWW-Authenticate', 'Bearer realm="corvid"');
  return fail(c, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
});
app.get('/api/admin', (c) => fail(c, 403, 'FORBIDDEN', 'admin scope required'));
app.get('/api/quota', (c) => {
  c.header('Retry-After', '30');
  return fail(c, 429, 'TOO_MANY_REQUESTS', 'rate limit exceeded, retry in 30 seconds');
});
app.get('/api/maintenance', (c) => {
  c.header('Retry-After', '600');
  return fail(c, 503, 'MAINTENANCE', 'orders are read-only during the nightly export');
});
app.get('/api/latest', (c) => c.redirect('/api/orders/1'));
app.get('/api/boom', () => { throw new Error('ledger total mismatch'); });
app.get('/api/slow', async (c) => { await new Promise((r) => setTimeout(r, 5000)); return c.json({ ok: true, waited: 5 }); });
const page = (code, reason, text, id) => `<!DOCTYPE html>
<html><head><title>${code} ${reason} · Corvid</title></head>
<body><h1>${reason}</h1><p>${text}</p><p>Request ID: ${id}</p></body></html>
`;
app.get('/api/payments', (c) => c.html(page(502, 'Bad Gateway', 'The payment provider did not answer.', c.get('rid')), 502));
app.get('/api/statements', (c) => c.html(page(503, 'Service Unavailable', 'Statements are being rebuilt.', c.get('rid')), 503));

Bun.serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
console.log(`hono on ${port}`);
