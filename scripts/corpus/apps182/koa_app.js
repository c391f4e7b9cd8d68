// Round 182 (new): "Brenmoor" orders API on Koa 2 (@koa/router 12) on Node 20, the same night as
// apps182/express_app.js: /healthz (503 while inventory-down), a 301 from the old /api/v1/orders/:id,
// a 409 on hold, a 400 for a POST without items, a JSON 429 (quota), the app's own JSON 502 naming
// payments-gateway (127.0.0.1:62999, nobody listens), 503 naming inventory-db, a 504 naming
// search-service, a 401 with WWW-Authenticate once keys rotate, and the team's error middleware
// (the bad deploy's 500 as JSON, no stack trace, echoing the front's X-Request-ID).
// Flag files in $STATE_DIR (deploy-v2 read at start). Usage: node koa_app.js PORT
const Koa = require('koa');
const Router = require('@koa/router');
const fs = require('fs'); const path = require('path'); const net = require('net');
const STATE = process.env.STATE_DIR || '/tmp';
const flag = (n) => fs.existsSync(path.join(STATE, n));
const V2 = flag('deploy-v2');
const app = new Koa();
const router = new Router();
app.use(async (ctx, next) => {
  try { await next(); } catch (err) {
    ctx.status = err.status && err.expose ? err.status : 500;
    ctx.body = ctx.status === 500
      ? { error: 'internal_error', message: 'Unexpected server error', requestId: ctx.get('X-Request-ID') || null }
      : { error: err.code || 'error', message: err.message };
    ctx.app.emit('error', err, ctx);
  }
});
app.on('error', (err) => console.error('error:', err.message));
const readJson = (ctx) => new Promise((resolve) => {
  let d = ''; ctx.req.on('data', (c) => { d += c; });
  ctx.req.on('end', () => { try { resolve(JSON.parse(d || '{}')); } catch (e) { resolve(null); } });
});
router.get('/healthz', (ctx) => {
  if (flag('inventory-down')) { ctx.status = 503; ctx.body = { status: 'unhealthy', dependencies: { 'inventory-db': 'unreachable' } }; return; }
  ctx.body = { status: 'ok', version: V2 ? '4.1.0' : '4.0.7' };
});
router.get('/api/v1/orders/:id', (ctx) => { ctx.status = 301; ctx.redirect(`/api/orders/${ctx.params.id}`); });
router.post('/api/orders/:id/hold', (ctx) => { ctx.status = 409; ctx.body = { error: 'conflict', message: `order ${ctx.params.id} is already on hold` }; });
router.get('/api/orders/:id', (ctx) => {
  if (V2) { const o = undefined; ctx.body = { total: o.lines.length }; return; }
  if (ctx.params.id !== '1') { ctx.status = 404; ctx.body = { error: 'not_found', message: `order ${ctx.params.id} not found` }; return; }
  ctx.set('ETag', '"bm-o1-v4"');
  if (ctx.get('If-None-Match') === '"bm-o1-v4"') { ctx.status = 304; return; }
  ctx.body = { id: 1, status: 'picking', total: 54.5 };
});
router.post('/api/orders', async (ctx) => {
  const b = await readJson(ctx);
  if (!b || !Array.isArray(b.items) || !b.items.length) { ctx.status = 400; ctx.body = { error: 'validation_failed', errors: [{ path: 'items', message: 'items is required and must not be empty' }] }; return; }
  ctx.status = 201; ctx.set('Location', '/api/orders/2'); ctx.body = { id: 2, status: 'created' };
});
if (!V2) router.get('/api/invoices/:id', (ctx) => { ctx.body = { id: ctx.params.id, amount: 54.5 }; });
router.get('/api/payments', async (ctx) => {
  const err = await new Promise((resolve) => {
    const s = net.connect(62999, '127.0.0.1');
    s.on('connect', () => { s.end(); resolve(null); });
    s.on('error', (e) => resolve(e));
  });
  if (err) { ctx.status = 502; ctx.body = { error: 'upstream_unavailable', message: `payments-gateway: connect ${err.code} 127.0.0.1:62999`, dependency: 'payments-gateway' }; return; }
  ctx.body = { ok: true };
});
router.get('/api/inventory', (ctx) => {
  if (flag('inventory-down')) { ctx.status = 503; ctx.set('Retry-After', '20'); ctx.body = { error: 'dependency_unavailable', message: 'inventory-db: connection refused (pool exhausted)', dependency: 'inventory-db' }; return; }
  ctx.body = { sku: 'BM-3', on_hand: 11 };
});
router.get('/api/search', (ctx) => {
  if (flag('search-slow')) { ctx.status = 504; ctx.body = { error: 'gateway_timeout', message: 'search-service did not answer within 1500 ms', dependency: 'search-service' }; return; }
  ctx.body = { results: [], total: 0 };
});
router.get('/api/me', (ctx) => {
  const a = ctx.get('Authorization');
  if (a !== 'Bearer key2-token' && (flag('keys-rotated') || a !== 'Bearer key1-token')) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer realm="brenmoor", error="invalid_token", error_description="token signed with unknown key id key1"');
    ctx.body = { error: 'invalid_token', message: 'Token signature could not be verified' };
    return;
  }
  ctx.body = { sub: 'u-8', role: 'ops' };
});
router.get('/api/quota', (ctx) => {
  if (flag('quota')) { ctx.status = 429; ctx.set('Retry-After', '60'); ctx.body = { error: 'rate_limited', message: 'Rate limit of 600 requests/minute exceeded', retryAfter: 60 }; return; }
  ctx.body = { remaining: 42 };
});
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { ok: true }; });
app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.argv[2]), '127.0.0.1');
