// Round-16 corpus: a storefront API on Koa 3 with @koa/router and
// koa-bodyparser, in production, behind nginx configured like a Kubernetes
// ingress controller (host shop.example.test). The team's errors are JSON;
// what Koa answers by itself is its plain-text default: "Not Found" for an
// unrouted path, the message of ctx.throw() for a 4xx, "Internal Server
// Error" for a bug, "Method Not Allowed" / the 200 OPTIONS answer from
// router.allowedMethods(), koa-bodyparser's 400 for broken JSON.
//   node koa_app.js PORT
'use strict';
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');

const port = Number(process.argv[2]);
const app = new Koa({ env: 'production', proxy: true });
app.silent = true;
const router = new Router({ prefix: '/api' });

const fail = (ctx, status, code, message) => {
  ctx.status = status;
  ctx.body = { error: code, message, requestId: ctx.get('x-request-id') || undefined };
};

router.get('/health', (ctx) => { ctx.body = { status: 'ok' }; });
router.get('/products/:sku', (ctx) => {
  if (ctx.params.sku !== 'A-1') return fail(ctx, 404, 'product_not_found', `No product with SKU ${ctx.params.sku}`);
  ctx.body = { sku: 'A-1', name: 'Trail shoe', price: 12900 };
});
router.post('/cart/items', (ctx) => {
  const b = ctx.request.body || {};
  if (!b.sku) ctx.throw(400, 'sku is required');  // Koa's text answer with the message
  if (!(Number.isInteger(b.qty) && b.qty > 0)) return fail(ctx, 422, 'invalid_quantity', 'qty must be between 1 and 10');
  ctx.status = 201;
  ctx.body = { sku: b.sku, qty: b.qty };
});
router.get('/account', (ctx) => ctx.redirect('/api/v1/session?next=/api/account'));
router.get('/checkout/:id', (ctx) => {
  if (!ctx.get('authorization')) {
    ctx.set('WWW-Authenticate', 'Bearer realm="shop"');
    return fail(ctx, 401, 'unauthorized', 'Login required');
  }
  fail(ctx, 403, 'forbidden', 'This cart belongs to another customer');
});
router.get('/coupons/:code', (ctx) => {
  ctx.set('Retry-After', '20');
  fail(ctx, 429, 'too_many_attempts', 'Too many coupon attempts, wait 20 seconds');
});
router.get('/boom', (ctx) => {
  const user = null;
  ctx.body = { name: user.name };  // TypeError: Koa's text 500
});
router.get('/maintenance', (ctx) => {
  ctx.set('Retry-After', '600');
  fail(ctx, 503, 'maintenance', 'The shop is closed for maintenance');
});
router.get('/slow', async (ctx) => {
  await new Promise((r) => setTimeout(r, 5000));
  ctx.body = { status: 'late' };
});
router.get('/gone', (ctx) => ctx.throw(410));

app.use(bodyParser({ jsonLimit: '1kb' }));
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(port, '127.0.0.1');
