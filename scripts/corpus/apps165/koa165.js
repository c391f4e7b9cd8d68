// Koa 2 on Node 20 for the round-165 corpus: "Larkspur" orders API, the routes
// of apps78/express_app.js written in Koa (no body parser: POST bodies are read
// by hand). JSON errors {error:{code,message}}; its own HTML 502/503 pages
// (/api/payments, /api/statements); /api/orders/:id has an ETag and answers
// If-None-Match with a 304; /api/slow waits 5 s. Unrouted paths get Koa's text
// "Not Found", a thrown error Koa's text "Internal Server Error". No request id.
const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();
const port = Number(process.argv[2] || 61601);
const ORDERS = { 1: { id: 1, ref: 'LK-1001', total: '18.50', currency: 'EUR', status: 'paid' } };
app.silent = true;

const fail = (ctx, status, code, message) => { ctx.status = status; ctx.body = { error: { code, message } }; };
const readBody = (ctx) => new Promise((resolve) => {
  let s = ''; ctx.req.on('data', (c) => { s += c; }); ctx.req.on('end', () => resolve(s));
});
const page = (code, reason, text) => `<!DOCTYPE html>
<html><head><title>${code} ${reason} · Larkspur</title></head>
<body><h1>${reason}</h1><p>${text}</p></body></html>
`;

router.get('/api/orders/:id', (ctx) => {
  if (!/^\d+$/.test(ctx.params.id)) return fail(ctx, 400, 'BAD_REQUEST', 'order id must be a number');
  const o = ORDERS[ctx.params.id];
  if (!o) return fail(ctx, 404, 'NOT_FOUND', `order ${ctx.params.id} not found`);
  const etag = `"lk-o${o.id}-v2"`;
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'private, max-age=0');
  if (ctx.get('If-None-Match') === etag) { ctx.status = 304; return; }
  ctx.body = o;
});
router.post('/api/orders', async (ctx) => {
  let body = {};
  try { body = JSON.parse(await readBody(ctx) || '{}'); } catch (e) { return fail(ctx, 400, 'BAD_JSON', 'request body is not valid JSON'); }
  if (!body.ref) return fail(ctx, 422, 'VALIDATION_ERROR', '"ref" is required');
  ctx.status = 201; ctx.body = { id: 2, ref: body.ref, status: 'pending' };
});
router.delete('/api/orders/:id', (ctx) => { ctx.status = 204; });
router.get('/api/account', (ctx) => {
  ctx.set('WWW-Authenticate', 'Bearer realm="larkspur"');
  fail(ctx, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
});
router.get('/api/admin', (ctx) => fail(ctx, 403, 'FORBIDDEN', 'admin scope required'));
router.get('/api/quota', (ctx) => { ctx.set('Retry-After', '30'); fail(ctx, 429, 'TOO_MANY_REQUESTS', 'rate limit exceeded, retry in 30 seconds'); });
router.get('/api/maintenance', (ctx) => { ctx.set('Retry-After', '600'); fail(ctx, 503, 'MAINTENANCE', 'orders are read-only during the nightly export'); });
router.get('/api/boom', () => { throw new Error('ledger total mismatch'); });
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { ok: true, waited: 5 }; });
router.get('/api/payments', (ctx) => { ctx.status = 502; ctx.type = 'html'; ctx.body = page(502, 'Bad Gateway', 'The payment provider did not answer.'); });
router.get('/api/statements', (ctx) => { ctx.status = 503; ctx.type = 'html'; ctx.body = page(503, 'Service Unavailable', 'Statements are being rebuilt.'); });
router.get('/api/old-orders/:id', (ctx) => { ctx.status = 301; ctx.redirect(`/api/orders/${ctx.params.id}`); });

app.use(router.routes());
app.use(router.allowedMethods());
app.listen(port, '127.0.0.1', () => console.log(`koa on ${port}`));
