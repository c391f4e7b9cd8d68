// Round 136: apps127/hono_app.mjs behind Varnish, with four more routes:
// /api/account (401 with WWW-Authenticate: Basic), /api/me (401 without),
// /api/payments (the team's HTML 502 about the card processor),
// /api/reports (the team's HTML 504 about the data warehouse).
// Round 127's header follows.
// Round 127: the Juniperhill orders API on Hono 4, served by Bun's own HTTP
// server (Bun.serve with app.fetch) behind Apache. The team customised
// app.onError and app.notFound: /api/ errors answer
// {"ok": false, "status", "error": {"code", "message"}, "request_id"} with the
// front's X-Request-Id echoed; other paths get the team's HTML 404/500 pages.
// /api/search is the app's 429 (Retry-After, RateLimit + RateLimit-Policy),
// /api/maintenance its JSON 503, /api/latest a 302, /api/slow 6 s.
import { createRequire } from 'node:module';
const require = createRequire(process.env.NODE_PATH + '/');
const { Hono } = require('hono');
const { HTTPException } = require('hono/http-exception');
const port = Number(process.argv[2] || 60202);
const app = new Hono();

app.use('*', async (c, next) => {
  c.set('rid', c.req.header('X-Request-Id') || '-');
  await next();
  c.res.headers.set('X-Request-Id', c.get('rid'));
});
const fail = (c, status, code, message, extra = {}) =>
  c.json({ ok: false, status, error: { code, message, ...extra }, request_id: c.get('rid') }, status);
const page = (c, status, heading, text) => c.html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${heading} — Juniperhill</title></head>
<body><section class="jh-error"><h1>${heading}</h1><p>${text}</p>
<p><small>Request ${c.get('rid')}</small></p></section></body></html>
`, status);

app.get('/api/orders/:id', (c) => {
  const id = c.req.param('id');
  if (id !== '1') return fail(c, 404, 'order_not_found', `order ${id} does not exist`);
  c.header('Cache-Control', 'public, max-age=30');
  c.header('ETag', '"jh-1-v5"');
  return c.json({ id: 1, sku: 'JH-77', qty: 4, status: 'awaiting_pickup' });
});
app.post('/api/orders', async (c) => {
  let body;
  try { body = await c.req.json(); } catch { throw new HTTPException(400, { message: 'malformed JSON body' }); }
  if (!body || !body.sku) return fail(c, 422, 'validation_failed', 'sku is required', { fields: ['sku'] });
  return c.json({ id: 2, sku: body.sku }, 201);
});
app.get('/api/search', (c) => {
  c.header('Retry-After', '15');
  c.header('RateLimit-Policy', '20;w=60');
  c.header('RateLimit', 'limit=20, remaining=0, reset=15');
  return fail(c, 429, 'rate_limited', 'too many searches, retry in 15 seconds');
});
app.get('/api/maintenance', (c) => {
  c.header('Retry-After', '1200');
  return fail(c, 503, 'maintenance', 'Juniperhill is down for scheduled maintenance');
});
app.get('/api/latest', (c) => c.redirect('/api/orders/1', 302));
app.get('/api/boom', () => { throw new Error('pickup slot index out of range'); });
app.get('/reports/boom', () => { throw new Error('report template missing'); });
app.get('/api/slow', async (c) => { await new Promise((r) => setTimeout(r, 6000)); return c.json({ report: 'done' }); });
app.get('/api/account', (c) => {
  c.header('WWW-Authenticate', 'Basic realm="juniperhill-api", charset="UTF-8"');
  return fail(c, 401, 'unauthenticated', 'credentials are required');
});
app.get('/api/me', (c) => fail(c, 401, 'session_expired', 'your session has expired'));
app.get('/api/payments', (c) => page(c, 502, '502 — Payments unavailable', 'The card processor (Paystream) returned an invalid answer. Nothing was charged.'));
app.get('/api/reports', (c) => page(c, 504, '504 — Reports timed out', 'The data warehouse did not answer in time. Try a shorter date range.'));
app.get('/healthz', (c) => c.json({ status: 'ok' }));

app.notFound((c) => c.req.path.startsWith('/api/')
  ? fail(c, 404, 'route_not_found', `no route for ${c.req.method} ${c.req.path}`)
  : page(c, 404, 'Page not found', 'The page you asked for is not here.'));
app.onError((err, c) => {
  if (err instanceof HTTPException) return fail(c, err.status, 'bad_request', err.message);
  return c.req.path.startsWith('/api/')
    ? fail(c, 500, 'internal_error', 'unexpected error; quote the request id')
    : page(c, 500, 'Something went wrong', 'We are looking into it.');
});

Bun.serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
console.log(`hono on ${port}`);
