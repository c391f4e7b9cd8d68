// Round-55 corpus: the Ledgerly invoices API on Koa 2 with @koa/router
// (routes as in fastapi_app.py). Listens on 127.0.0.1:PORT. No request id.
const path = require('path');
const { page, INVOICES } = require(path.join(__dirname, 'pages.js'));
const Koa = require('koa');
const Router = require('@koa/router');
const app = new Koa();
const router = new Router();
const port = Number(process.argv[2]);
app.silent = true;

const err = (ctx, status, code, message, headers = {}) => {
  ctx.status = status; ctx.set(headers); ctx.body = { error: code, message };
};
const readJson = (ctx) => new Promise((resolve) => {
  let data = '';
  ctx.req.on('data', (c) => { data += c; });
  ctx.req.on('end', () => { try { resolve(JSON.parse(data)); } catch (e) { resolve(null); } });
});

router.get('/api/invoices/:id', (ctx) => {
  const inv = INVOICES[ctx.params.id];
  if (inv) ctx.body = inv; else err(ctx, 404, 'invoice_not_found', `no invoice ${ctx.params.id}`);
});
router.post('/api/invoices', async (ctx) => {
  const b = await readJson(ctx);
  if (!b || typeof b !== 'object' || !('ref' in b)) return err(ctx, 422, 'validation_failed', "field 'ref' is required");
  if (b.ref === 'LG-1001') return err(ctx, 409, 'duplicate_ref', `an invoice with ref ${b.ref} already exists`);
  ctx.status = 201; ctx.body = { id: 2, ref: b.ref, status: 'draft' };
});
router.get('/api/account', (ctx) => err(ctx, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="ledgerly"' }));
router.get('/api/admin', (ctx) => err(ctx, 403, 'forbidden', 'your role may not open the admin area'));
router.get('/api/quota', (ctx) => err(ctx, 429, 'rate_limited', '100 requests per minute per key', { 'Retry-After': '30' }));
router.get('/api/maintenance', (ctx) => err(ctx, 503, 'maintenance', 'invoices are read-only during the ledger migration', { 'Retry-After': '120' }));
for (const [p, s] of [['/api/payments', 502], ['/api/statements', 503], ['/api/bank', 504]]) {
  router.get(p, (ctx) => { ctx.status = s; ctx.type = 'html'; ctx.body = page(s); });
}
router.get('/api/boom', () => { throw new Error('ledger total overflow'); });
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { slow: true }; });
router.get('/healthz', (ctx) => { ctx.type = 'text'; ctx.body = 'ok'; });

app.use(router.routes()).use(router.allowedMethods());
app.listen(port, '127.0.0.1');
