// Round 108 (round 71's app, a redirect and allowedMethods added): a Koa 2 orders API (Mossgate).
// No request id of its own. Order 1 and /api/rates are cacheable
// (Cache-Control public, ETag, Last-Modified), so Squid can store them.
// ctx.throw() answers are Koa's own plain text ("Unauthorized"), unrouted
// paths Koa's "Not Found", a thrown error Koa's "Internal Server Error".
'use strict';
const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();
const port = Number(process.argv[2] || 60820);
const ORDERS = { 1: { id: 1, ref: 'MG-1001', total: '7.25', currency: 'EUR', status: 'paid' } };
const STAMP = new Date(Date.now() - 3600 * 1000).toUTCString();

async function jsonBody(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  try { return JSON.parse(raw || '{}'); } catch { return {}; }
}

router.get('/api/orders/:id', (ctx) => {
  if (!/^\d+$/.test(ctx.params.id)) { ctx.status = 400; ctx.body = { message: 'order id must be a number' }; return; }
  const o = ORDERS[ctx.params.id];
  if (!o) { ctx.status = 404; ctx.body = { message: `order ${ctx.params.id} not found` }; return; }
  ctx.set('Cache-Control', 'public, max-age=300');
  ctx.set('ETag', '"mg-order-1-v4"');
  ctx.set('Last-Modified', STAMP);
  ctx.body = o;
});
router.get('/api/rates', (ctx) => {
  ctx.set('Cache-Control', 'public, max-age=60');
  ctx.set('ETag', '"rates-2026-12"');
  ctx.body = { base: 'EUR', rates: { USD: 1.08, GBP: 0.86 } };
});
router.post('/api/orders', async (ctx) => {
  const body = await jsonBody(ctx);
  if (!body.ref) { ctx.status = 422; ctx.body = { message: 'validation failed', errors: { ref: 'is required' } }; return; }
  if (body.ref === 'MG-1001') { ctx.status = 409; ctx.body = { message: `order ${body.ref} already exists` }; return; }
  ctx.status = 201; ctx.body = { id: 2, ref: body.ref, status: 'pending' };
});
router.get('/api/account', (ctx) => ctx.throw(401));
router.get('/api/admin', (ctx) => { ctx.status = 403; ctx.body = { message: 'admin scope required' }; });
router.get('/api/quota', (ctx) => { ctx.set('Retry-After', '30'); ctx.status = 429; ctx.body = { message: 'too many requests, retry in 30 seconds' }; });
router.get('/api/maintenance', (ctx) => { ctx.set('Retry-After', '600'); ctx.status = 503; ctx.body = { message: 'orders are read-only during the nightly export' }; });
router.get('/api/latest', (ctx) => ctx.redirect('/api/orders/1'));  // round 108
router.get('/api/boom', () => { throw new Error('ledger total mismatch'); });
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { ok: true, waited: 5 }; });
const page = (code, reason, text) => `<!DOCTYPE html>
<html><head><title>${code} ${reason} - Mossgate</title></head>
<body><h1>${reason}</h1><p>${text}</p></body></html>
`;
router.get('/api/payments', (ctx) => { ctx.status = 502; ctx.type = 'html'; ctx.body = page(502, 'Bad Gateway', 'The payment provider did not answer.'); });
router.get('/api/statements', (ctx) => { ctx.status = 503; ctx.type = 'html'; ctx.body = page(503, 'Service Unavailable', 'Statements are being rebuilt.'); });

app.silent = true;
app.use(router.routes());
app.use(router.allowedMethods());  // round 108: 405 with Allow for a known path
app.listen(port, '127.0.0.1', () => console.log(`koa on ${port}`));
