// Round 99: the Wicken orders API (Koa 2 + @koa/router), behind Squid.
// Round 88's app with round 99's routes (see common.py): ctx.throw's text
// bodies for its own errors, Koa's "Not Found" and "Internal Server Error".
// /api/feed drops the connection before writing a byte.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const Koa = require('koa');
const Router = require('@koa/router');
const app = new Koa();
const router = new Router();
const FLAG_DIR = process.env.FLAG_DIR || '/nonexistent';
const DATA_DIR = process.env.DATA_DIR || '/tmp';
const DEPLOY = process.env.DEPLOY || 'v1';
let warm = false;
app.silent = true;

const flag = (n) => fs.existsSync(path.join(FLAG_DIR, n));
function busy(ms) { const end = Date.now() + ms; while (Date.now() < end) { /* one event loop */ } }
function dep(envname, ms) {
  const [host, port] = process.env[envname].split(':');
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port: Number(port) });
    const t = setTimeout(() => { s.destroy(); reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })); }, ms);
    s.on('connect', () => s.write('GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}

app.use(async (ctx, next) => { if (!warm) { busy(1500); warm = true; } await next(); });

if (DEPLOY !== 'v2') {
  router.get('/api/orders/:id', (ctx) => {
    const id = Number(ctx.params.id);
    if (id !== 1 && id !== 2) ctx.throw(404, `order ${id} does not exist`);
    const etag = `"wi-100${id}-v1"`;
    ctx.set('Cache-Control', 'public, max-age=2');
    ctx.set('ETag', etag);
    if (ctx.get('If-None-Match') === etag) { ctx.status = 304; return; }
    ctx.body = { id, ref: `WI-100${id}`, replica: process.env.REPLICA || 'wicken-1' };
  });
}
router.delete('/api/orders/:id/hold', (ctx) => { ctx.status = 204; });
router.get('/api/account', (ctx) => {
  if (ctx.get('Authorization') !== 'Bearer oncall-t0ken') {
    ctx.throw(401, 'missing or invalid bearer token', { headers: { 'WWW-Authenticate': 'Bearer realm="wicken"' } });
  }
  ctx.body = { user: 'oncall', plan: 'team' };
});
router.get('/api/cart', (ctx) => {
  if (DEPLOY === 'v2') throw new TypeError("Cannot read properties of undefined (reading 'ttl')");
  ctx.body = { items: [], currency: 'EUR' };
});
router.get('/api/checkout', (ctx) => {
  if (!process.env.CHECKOUT_KEY) { ctx.status = 500; ctx.body = { error: 'config_missing', message: 'CHECKOUT_KEY is not set' }; return; }
  ctx.body = { checkout: 'ready' };
});
router.get('/api/inventory', async (ctx) => {
  try { await dep('DEP_DOWN', 1000); } catch (e) { ctx.throw(502, `inventory service unreachable: ${e.code}`); }
  ctx.body = { ok: true };
});
router.get('/api/quotes', async (ctx) => {
  try { await dep('DEP_SLOW', 1000); } catch (e) { ctx.throw(504, 'pricing service did not answer within 1s'); }
  ctx.body = { ok: true };
});
router.get('/api/payments', async (ctx) => {
  try { await dep('DEP_DOWN', 1000); } catch (e) {
    ctx.throw(503, 'payment provider unavailable', { headers: { 'Retry-After': '30' } });
  }
  ctx.body = { ok: true };
});
router.get('/api/search', (ctx) => {
  if (flag('overloaded')) { ctx.status = 429; ctx.set('Retry-After', '10'); ctx.body = { error: 'rate_limited', message: 'too many requests: search is shedding load' }; return; }
  ctx.body = { results: [] };
});
router.get('/api/bulk', (ctx) => {
  if (flag('overloaded')) { ctx.status = 503; ctx.set('Retry-After', '20'); ctx.body = { error: 'overloaded', message: 'worker queue full (64/64), try again later' }; return; }
  ctx.body = { queued: 0 };
});
router.get('/api/thumbnails', (ctx) => {
  try { const b = new ArrayBuffer(2 ** 50); ctx.body = { ok: b.byteLength }; } catch (e) {
    ctx.status = 500; ctx.body = { error: 'out_of_memory', message: `thumbnail render failed: ${e.name}: ${e.message}` };
  }
});
router.get('/api/feed', (ctx) => { ctx.respond = false; ctx.req.socket.destroy(); });
router.post('/api/receipts', async (ctx) => {
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  const body = Buffer.concat(chunks).toString();
  if (!body.includes('amount')) { ctx.status = 422; ctx.body = { error: 'invalid', message: 'amount is required' }; return; }
  fs.appendFileSync(path.join(DATA_DIR, 'receipts.log'), body + '\n'); // ENOSPC -> Koa's 500
  ctx.status = 201; ctx.body = { stored: true };
});
router.get('/api/export', (ctx) => { busy(6000); ctx.body = { rows: 0 }; });
router.get('/healthz', (ctx) => {
  if (flag('unhealthy')) { ctx.status = 503; ctx.body = { status: 'fail' }; return; }
  ctx.body = { status: 'ok' };
});
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(Number(process.argv[2] || 60014), '127.0.0.1');
