// Round-101 corpus: the Dock tickets API on Koa 2.16 + @koa/router 12, with
// the usual error middleware: anything thrown (ctx.throw, raw-body's 413 over
// an 8 KB limit, a TypeError) is answered as JSON {error: {status, message}}
// (a thrown non-HTTP error as 500 "Internal Server Error"). No route: Koa's
// own text "Not Found"; a wrong method: allowedMethods' 405. A 422 with a
// field list for validation, an auth middleware (401/403), 409, a 429 from
// an in-process limiter, /readyz 503, a 301, /api/reset destroys the socket.
const Koa = require('koa');
const Router = require('@koa/router');
const getRawBody = require('raw-body');
const port = Number(process.argv[2]);
const app = new Koa();
const router = new Router();
const TICKET = { id: 1, title: 'Dock: printer on floor 3 is on fire', priority: 'high', status: 'open' };
app.use(async (ctx, next) => {
  try { await next(); } catch (err) {
    const status = err.status || err.statusCode || 500;
    ctx.status = status;
    ctx.body = { error: { status, message: err.expose ? err.message : 'Internal Server Error', ...(err.fields ? { fields: err.fields } : {}) } };
    if (err.headers) ctx.set(err.headers);
  }
});
const json = async (ctx, next) => {
  const raw = await getRawBody(ctx.req, { limit: '8kb', encoding: 'utf8' });
  try { ctx.request.body = raw ? JSON.parse(raw) : {}; } catch (e) { ctx.throw(400, 'invalid JSON body'); }
  await next();
};
const auth = (admin) => async (ctx, next) => {
  const a = ctx.get('Authorization');
  if (!a.startsWith('Bearer ')) ctx.throw(401, 'missing bearer token', { headers: { 'WWW-Authenticate': 'Bearer realm="dock"' } });
  if (!['Bearer user-token', 'Bearer admin-token'].includes(a)) ctx.throw(401, 'invalid token');
  ctx.state.role = a === 'Bearer admin-token' ? 'admin' : 'user';
  if (admin && ctx.state.role !== 'admin') ctx.throw(403, 'admin role required');
  await next();
};
router.get('/api/tickets/:id', (ctx) => {
  if (!/^\d+$/.test(ctx.params.id)) ctx.throw(400, 'ticket id must be a number');
  if (ctx.params.id !== '1') ctx.throw(404, `ticket ${ctx.params.id} not found`);
  ctx.body = TICKET;
});
router.post('/api/tickets', json, (ctx) => {
  const b = ctx.request.body, fields = {};
  if (typeof b.title !== 'string' || b.title.length < 3) fields.title = 'must be a string of at least 3 characters';
  if (b.priority !== undefined && !['low', 'high'].includes(b.priority)) fields.priority = 'must be low or high';
  if (Object.keys(fields).length) ctx.throw(422, 'validation failed', { fields });
  if (b.title === TICKET.title) ctx.throw(409, 'a ticket with this title is already open');
  ctx.status = 201; ctx.set('Location', '/api/tickets/2'); ctx.body = { id: 2, ...b, status: 'open' };
});
router.get('/api/me', auth(false), (ctx) => { ctx.body = { user: 'dana', role: ctx.state.role }; });
router.get('/api/admin/stats', auth(true), (ctx) => { ctx.body = { open: 12, closed: 340 }; });
let hits = [];
router.get('/api/search', (ctx) => {
  const now = Date.now(); hits = hits.filter((t) => now - t < 60000); hits.push(now);
  if (hits.length > 2) ctx.throw(429, 'too many searches, retry in 60 seconds', { headers: { 'Retry-After': '60' } });
  ctx.body = { results: [TICKET] };
});
router.get('/api/boom', (ctx) => { ctx.body = ctx.state.ticket.assignee; });
router.get('/api/v1/tickets/:id', (ctx) => { ctx.status = 301; ctx.redirect(`/api/tickets/${ctx.params.id}`); });
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { slow: true }; });
router.get('/api/reset', (ctx) => { ctx.req.socket.destroy(); ctx.respond = false; });
router.get('/healthz', (ctx) => { ctx.body = { status: 'ok' }; });
router.get('/readyz', (ctx) => { ctx.status = 503; ctx.body = { status: 'not_ready', checks: { database: 'down' } }; });
app.use(router.routes()).use(router.allowedMethods());
app.listen(port, '127.0.0.1');
