// Round-89 corpus: the Hazel orders API (Express 4, plain node), listening on
// a UNIX SOCKET (argv[2]) that HAProxy reaches with `server s1 unix@...`.
// Same route plan as apps88 (orders, the app's own 502/503/504 when its
// dependency fails, /api/export blocking the event loop 6 s, /healthz, a
// broken v2 deploy). Errors are left to Express's final handler (production:
// "Cannot GET ..." 404, "<pre>Internal Server Error</pre>" 500).
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const express = require('express');

const SOCK = process.argv[2];
const DEPLOY = process.env.DEPLOY || 'v1';
const FLAG_DIR = process.env.FLAG_DIR || '/tmp';
let warm = false;

function dep(envname, timeoutMs) {
  return new Promise((resolve, reject) => {
    const [host, port] = process.env[envname].split(':');
    const s = net.connect({ host, port: Number(port) });
    const t = setTimeout(() => { s.destroy(); const e = new Error('timeout'); e.code = 'ETIMEDOUT'; reject(e); }, timeoutMs);
    s.on('connect', () => s.write('GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}

const app = express();
app.use((req, res, next) => {
  if (warm) return next();
  warm = true;
  setTimeout(next, 1500); // the first request after a start loads the catalogue
});

if (DEPLOY !== 'v2') app.get('/api/orders/:id', (req, res) => { // v2 dropped this route
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `order ${req.params.id} does not exist` });
  res.set('Cache-Control', 'public, max-age=2').json({ id: 1, ref: 'SO-1001', total: 41.5, replica: 'hazel-1' });
});
app.get('/api/cart', (req, res) => {
  if (DEPLOY === 'v2') { const cfg = undefined; return res.json({ ttl: cfg.cartTtl }); } // TypeError
  res.json({ items: [], currency: 'EUR' });
});
app.get('/api/inventory', async (req, res) => {
  try { await dep('DEP_DOWN', 1000); res.json({ ok: true }); }
  catch (e) { res.status(502).json({ error: 'bad_gateway', message: `inventory service unreachable: ${e.code}` }); }
});
app.get('/api/payments', async (req, res) => {
  try { await dep('DEP_DOWN', 1000); res.json({ ok: true }); }
  catch (e) { res.status(503).set('Retry-After', '30').json({ error: 'service_unavailable', message: 'payment provider unavailable, try again shortly' }); }
});
app.get('/api/quotes', async (req, res) => {
  try { await dep('DEP_SLOW', 1000); res.json({ ok: true }); }
  catch (e) { res.status(504).json({ error: 'gateway_timeout', message: 'pricing service did not answer within 1s' }); }
});
app.get('/api/export', (req, res) => {
  const end = Date.now() + 6000;
  while (Date.now() < end) { /* busy: the event loop is held */ }
  res.json({ rows: 0 });
});
app.get('/healthz', (req, res) => {
  if (fs.existsSync(path.join(FLAG_DIR, 'unhealthy'))) return res.status(503).json({ status: 'fail', checks: { db: 'timeout' } });
  res.json({ status: 'ok' });
});

try { fs.unlinkSync(SOCK); } catch (e) { /* not there */ }
const server = app.listen(SOCK, () => fs.chmodSync(SOCK, 0o666));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
