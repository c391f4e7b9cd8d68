// Round 85: the Avocet items API (Koa 2 + @koa/router), behind Varnish.
// The edges in Koa's own formats: ctx.throw's plain-text 400/401/403/404/
// 406/409/410/415/422 bodies (the message as text), Koa's "Not Found" for an
// unknown route, router.allowedMethods()'s 405 with Allow, Koa's text
// "Internal Server Error", a bearer 401 with WWW-Authenticate and an API-key
// 401 without, an in-app 429, a maintenance 503 (a flag file), ctx.redirect
// 301/302/307/308, 201/202/204, a 5 s slow route. Item 1 and the 410 for
// item 7 are cacheable (public, max-age=60).
'use strict';
const fs = require('fs');
const path = require('path');
const Koa = require('koa');
const Router = require('@koa/router');
const app = new Koa();
const router = new Router();
const FLAG_DIR = process.env.FLAG_DIR || '/nonexistent';
const HITS = new Map();
const ITEM = { id: 1, name: 'bronze winch', stock: 2 };
app.silent = true;

async function readJson(ctx) {
  if (!ctx.is('application/json')) ctx.throw(415, 'Content-Type must be application/json');
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  try { return JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch (e) { ctx.throw(400, 'invalid JSON body'); }
}

router.get('/api/items/:id', (ctx) => {
  const id = Number(ctx.params.id);
  if (!ctx.accepts('json')) ctx.throw(406, 'only application/json is served here');
  if (id === 7) ctx.throw(410, 'item 7 was retired on 2026-01-31', { headers: { 'Cache-Control': 'public, max-age=60' } });
  if (id !== 1) ctx.throw(404, `item ${id} does not exist`);
  ctx.set('Cache-Control', 'public, max-age=60');
  ctx.set('ETag', '"av-item-1-v2"');
  ctx.body = ITEM;
});
router.delete('/api/items/:id', (ctx) => { ctx.status = 204; });
router.post('/api/items', async (ctx) => {
  const body = await readJson(ctx);
  const missing = ['name', 'stock'].filter((f) => !(f in body));
  if (missing.length) ctx.throw(422, `missing field(s): ${missing.join(', ')}`);
  if (body.name === ITEM.name) ctx.throw(409, `an item named '${ITEM.name}' already exists (id 1)`);
  ctx.status = 201; ctx.set('Location', '/api/items/2'); ctx.body = { id: 2, ...body };
});
router.post('/api/reports', (ctx) => { ctx.status = 202; ctx.set('Location', '/api/reports/jobs/rep-7'); ctx.body = { job: 'rep-7', state: 'queued' }; });
router.get('/api/me', (ctx) => {
  const auth = ctx.get('authorization');
  if (!auth.startsWith('Bearer ')) ctx.throw(401, 'bearer token required', { headers: { 'WWW-Authenticate': 'Bearer realm="avocet"' } });
  if (auth !== 'Bearer user-token') ctx.throw(401, 'token expired', { headers: { 'WWW-Authenticate': 'Bearer realm="avocet", error="invalid_token"' } });
  ctx.body = { user: 'dana', role: 'user' };
});
router.get('/api/keys', (ctx) => { if (!ctx.get('x-api-key')) ctx.throw(401, 'missing X-API-Key header'); ctx.body = { keys: [] }; });
router.get('/api/admin/audit', (ctx) => {
  const auth = ctx.get('authorization');
  if (auth === 'Bearer user-token') ctx.throw(403, "role 'user' may not read the audit log");
  if (!auth) ctx.throw(401, 'bearer token required', { headers: { 'WWW-Authenticate': 'Bearer realm="avocet"' } });
  ctx.body = { entries: [] };
});
router.get('/api/search', (ctx) => {
  ctx.set('Cache-Control', 'no-store');
  const who = ctx.get('x-forwarded-for') || ctx.ip;
  const key = who;  // a fixed window from the start of the process
  const n = (HITS.get(key) || 0) + 1; HITS.set(key, n);
  if (n > 2) { ctx.status = 429; ctx.set('Retry-After', String(60 - Math.floor(Date.now() / 1000) % 60)); ctx.body = { error: 'rate_limited', message: '2 searches a minute' }; return; }
  ctx.body = { q: ctx.query.q || '', results: [] };
});
router.get('/api/billing/(.*)', (ctx) => {
  if (fs.existsSync(path.join(FLAG_DIR, 'maintenance'))) {
    ctx.status = 503; ctx.set('Retry-After', '900'); ctx.body = { error: 'maintenance', message: 'billing is in maintenance until 21:30 UTC' }; return;
  }
  ctx.body = { invoices: [] };
});
router.get('/api/v1/items/:id', (ctx) => { ctx.status = 301; ctx.redirect(`/api/items/${ctx.params.id}`); });
router.get('/api/latest', (ctx) => { ctx.redirect('/api/items/1'); });
router.post('/api/items/:id/archive', (ctx) => { ctx.status = 307; ctx.redirect(`/api/archive/items/${ctx.params.id}`); });
router.post('/api/v1/items', (ctx) => { ctx.status = 308; ctx.redirect('/api/items'); });
router.get('/api/boom', () => { throw new Error('ledger cursor lost'); });
router.get('/api/slow', async (ctx) => { await new Promise((r) => setTimeout(r, 5000)); ctx.body = { slow: true }; });

app.use(router.routes());
app.use(router.allowedMethods());
app.listen(Number(process.argv[2] || 64015), '127.0.0.1');
