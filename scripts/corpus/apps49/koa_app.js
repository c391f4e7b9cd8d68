// Round-49 corpus: a Koa 2 books API (@koa/router, koa-bodyparser) under
// plain node in production, behind Varnish with the tutorial's default.vcl.
// The list is cacheable (public, max-age=120, an ETag); Koa's own plain-text
// answers for what no handler catches ("Not Found", "Internal Server Error",
// ctx.throw), ctx.redirect's 302.   node koa_app.js PORT
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const app = new Koa();
const router = new Router();
const port = Number(process.argv[2]);
app.silent = true;

router.get('/api/books', (ctx) => {
  ctx.set('Cache-Control', 'public, max-age=120');
  ctx.etag = 'W/"books-17"';
  ctx.body = [{ isbn: '9780262033848', title: 'Introduction to Algorithms' }];
});
router.get('/api/books/:isbn', (ctx) => {
  if (ctx.params.isbn !== '9780262033848') {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.status = 404; ctx.body = { error: 'book_not_found', isbn: ctx.params.isbn }; return;
  }
  ctx.body = { isbn: '9780262033848', title: 'Introduction to Algorithms' };
});
router.post('/api/books', (ctx) => {
  const b = ctx.request.body || {};
  if (!b.isbn) { ctx.status = 400; ctx.body = { error: 'bad_request', message: 'isbn is required' }; return; }
  if (!/^97[89]\d{10}$/.test(b.isbn)) { ctx.status = 422; ctx.body = { error: 'invalid_isbn', isbn: b.isbn }; return; }
  ctx.status = 201; ctx.body = { isbn: b.isbn };
});
router.get('/api/loans', (ctx) => { ctx.throw(401, 'Login required'); });
router.get('/api/boom', (ctx) => { const shelf = undefined; ctx.body = shelf.books; });
router.get('/api/maintenance', (ctx) => {
  ctx.status = 503; ctx.set('Retry-After', '300'); ctx.body = { error: 'maintenance', message: 'Catalogue sync running' };
});
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { status: 'late' }; });
router.get('/shelf', (ctx) => { ctx.redirect('/api/books'); });

app.use(bodyParser());
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(port, '127.0.0.1');
