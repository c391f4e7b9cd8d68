// Round-40 corpus (behind Varnish behind hitch, TLS and HTTP/2): a Koa 2 API in production (NODE_ENV=production) with
// @koa/router and koa-bodyparser (jsonLimit 1kb), Koa's own plain-text
// answers for what the handlers do not catch ("Not Found", "Internal Server
// Error", the parser's 413 and 400, ctx.throw(401)).
//   node koa_app.js PORT
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const app = new Koa();
const router = new Router();
const port = Number(process.argv[2]);
app.silent = true;

router.get('/api/health', (ctx) => { ctx.body = { status: 'ok' }; });
router.get('/api/users/:id', (ctx) => {
  if (ctx.params.id !== '1') { ctx.status = 404; ctx.body = { error: 'user_not_found', id: ctx.params.id }; return; }
  ctx.body = { id: 1, name: 'ada' };
});
router.post('/api/users', (ctx) => {
  if (!ctx.request.body || !ctx.request.body.email) {
    ctx.status = 422; ctx.body = { error: 'validation_failed', fields: { email: 'required' } }; return;
  }
  ctx.status = 201; ctx.body = { id: 2 };
});
router.get('/api/admin/users', (ctx) => { ctx.throw(401); });
router.get('/api/account', (ctx) => {
  ctx.status = 403; ctx.body = { error: 'forbidden', message: 'plan does not include this feature' };
});
router.get('/api/catalog', (ctx) => {
  ctx.set('Cache-Control', 'public, max-age=60');
  ctx.set('ETag', '"catalog-41"');
  ctx.body = [{ sku: 'KB-1', name: 'keyboard' }, { sku: 'MS-2', name: 'mouse' }];
});
router.get('/api/boom', (ctx) => { const u = undefined; ctx.body = { name: u.name }; });
router.get('/api/maintenance', (ctx) => {
  ctx.status = 503; ctx.set('Retry-After', '300'); ctx.body = { error: 'maintenance' };
});
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { status: 'late' }; });

app.use(bodyParser({ jsonLimit: '1kb' }));
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(port, '127.0.0.1');
