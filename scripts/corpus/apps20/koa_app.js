// Round-20 corpus: a cart API on Koa 2 with @koa/router and koa-bodyparser,
// behind Apache (ProxyErrorOverride on). ctx.throw() for some errors (Koa
// answers them in plain text), ctx.body JSON for others, router.allowedMethods()
// (405), Koa's own "Not Found" and "Internal Server Error". `node koa_app.js PORT`
'use strict';
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');

const app = new Koa();
app.proxy = true;
const router = new Router({ prefix: '/api' });
const json = (ctx, status, error, message) => { ctx.status = status; ctx.body = { error, message }; };

router.get('/health', (ctx) => { ctx.body = { status: 'ok' }; });
router.get('/carts/:id', (ctx) => {
  if (ctx.params.id !== '1') return json(ctx, 404, 'cart_not_found', `cart ${ctx.params.id} does not exist`);
  ctx.body = { id: 1, items: [{ sku: 'A-1', qty: 2 }] };
});
router.post('/carts/:id/items', (ctx) => {
  const { sku, qty } = ctx.request.body || {};
  if (!sku) ctx.throw(400, 'sku is required');
  if (!(qty > 0)) return json(ctx, 422, 'invalid_quantity', 'qty must be a positive integer');
  ctx.status = 201; ctx.body = { sku, qty };
});
router.post('/carts/:id/checkout', (ctx) => json(ctx, 409, 'cart_locked', 'checkout already in progress'));
router.get('/admin/carts', (ctx) => {
  ctx.set('WWW-Authenticate', 'Bearer realm="carts"');
  json(ctx, 401, 'unauthorized', 'missing bearer token');
});
router.get('/coupons/:code', (ctx) => ctx.throw(403, 'coupon not valid for this account'));
router.get('/limited', (ctx) => { ctx.set('Retry-After', '30'); json(ctx, 429, 'rate_limited', 'too many requests'); });
router.get('/boom', () => { throw new Error('redis: connection lost'); });
router.get('/maintenance', (ctx) => { ctx.set('Retry-After', '90'); json(ctx, 503, 'maintenance', 'carts are read-only during maintenance'); });
router.get('/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { status: 'late' }; });

app.use(bodyParser({ jsonLimit: '1kb' }));
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(Number(process.argv[2]), '127.0.0.1');
