// Round 88: the Wicken orders API (Koa 2 + @koa/router), behind Apache.
// Incident routes as in common.py: ctx.throw's text bodies for its own
// errors, Koa's "Not Found" and "Internal Server Error". With TLS_KEY and
// TLS_CERT set it speaks HTTPS (the untrusted-upstream-cert step).
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
    if (id !== 1) ctx.throw(404, `order ${id} does not exist`);
    ctx.set('Cache-Control', 'public, max-age=2');
    ctx.set('ETag', '"wi-1001-v1"');
    ctx.body = { id: 1, ref: 'WI-1001', replica: process.env.REPLICA || 'wicken-1' };
  });
}
router.get('/api/cart', (ctx) => {
  if (DEPLOY === 'v2') throw new TypeError("Cannot read properties of undefined (reading 'ttl')");
  ctx.body = { items: [], currency: 'EUR' };
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
router.post('/api/receipts', async (ctx) => {
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  fs.appendFileSync(path.join(DATA_DIR, 'receipts.log'), Buffer.concat(chunks).toString() + '\n'); // ENOSPC -> Koa's 500
  ctx.status = 201; ctx.body = { stored: true };
});
router.get('/api/export', (ctx) => { busy(6000); ctx.body = { rows: 0 }; });
router.get('/healthz', (ctx) => {
  if (fs.existsSync(path.join(FLAG_DIR, 'unhealthy'))) { ctx.status = 503; ctx.body = { status: 'fail' }; return; }
  ctx.body = { status: 'ok' };
});
app.use(router.routes());
app.use(router.allowedMethods());

const port = Number(process.argv[2] || 55512);
if (process.env.TLS_KEY) {
  require('https').createServer({ key: fs.readFileSync(process.env.TLS_KEY), cert: fs.readFileSync(process.env.TLS_CERT) },
    app.callback()).listen(port, '127.0.0.1');
} else {
  app.listen(port, '127.0.0.1');
}
