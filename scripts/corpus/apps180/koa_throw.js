// Round 180: the Merrow inventory API on Koa 2 (Node 20). Handlers use
// ctx.throw(status, message, {code}); the team's wrapper middleware catches
// everything and answers {"success": false, "error": {"status", "code",
// "message"}, "requestId"}. Its own dependency errors: /api/payments 502
// (payment provider), /api/stock 503 (database, Retry-After), /api/search 504
// (search cluster). /api/boom throws; /api/slow takes 6 s.
const Koa = require('koa');
const Router = require('@koa/router');
const port = Number(process.argv[2] || 62203);
const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body == null) ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`, { code: 'NOT_FOUND' });
  } catch (err) {
    const status = err.status || 500;
    const expose = err.expose || status < 500 || err.code;
    ctx.status = status;
    if (err.headers) ctx.set(err.headers);
    ctx.body = { success: false, error: { status, code: err.code || (status >= 500 ? 'INTERNAL' : 'ERROR'),
      message: expose ? err.message : 'internal error' }, requestId: ctx.get('x-request-id') || null };
  }
});
router.get('/api/items/:id', (ctx) => {
  if (ctx.params.id !== '1') ctx.throw(404, `item ${ctx.params.id} not found`, { code: 'ITEM_NOT_FOUND' });
  ctx.body = { success: true, data: { id: 1, sku: 'MR-100', qty: 14 } };
});
router.get('/api/payments', (ctx) => ctx.throw(502, 'payment provider returned an invalid response', { code: 'PAYMENT_PROVIDER_ERROR' }));
router.get('/api/stock', (ctx) => ctx.throw(503, 'inventory database is read-only during failover', { code: 'DATABASE_UNAVAILABLE', headers: { 'Retry-After': '30' } }));
router.get('/api/search', (ctx) => ctx.throw(504, 'search cluster timed out', { code: 'SEARCH_TIMEOUT' }));
router.get('/api/admin', (ctx) => ctx.throw(403, 'admin scope required', { code: 'FORBIDDEN' }));
router.get('/api/boom', () => { throw new Error('stock level is NaN'); });
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 6000)); ctx.body = { success: true }; });
app.use(router.routes()).use(router.allowedMethods({ throw: true }));
app.listen(port, '127.0.0.1');
