// Round-91 corpus: the Rowan orders API (Express 4.22 on node 20).
// The team's error middleware: 4xx as JSON {"error": {...}}, 5xx as the
// branded HTML error page; a catch-all 404 handler. The app's own 502/503/504
// (its dependencies failing) go through the same middleware, so they are HTML.
const express = require('express');
const net = require('net');
const fs = require('fs');
const path = require('path');

const port = Number(process.argv[2]);
const app = express();
app.use(express.json({ limit: '64kb' }));

function depCall(envname, timeoutMs) {
  return new Promise((resolve, reject) => {
    const [host, p] = process.env[envname].split(':');
    const s = net.connect(Number(p), host);
    const t = setTimeout(() => { s.destroy(); const e = new Error('timeout'); e.code = 'ETIMEDOUT'; reject(e); }, timeoutMs);
    s.on('connect', () => s.write('GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}
function httpError(status, code, message) { const e = new Error(message); e.status = status; e.code = code; return e; }

app.get('/api/orders/:id', (req, res, next) => {
  if (req.params.id !== '1') return next(httpError(404, 'order_not_found', `order ${req.params.id} does not exist`));
  res.set('Cache-Control', 'public, max-age=2').set('ETag', '"ro-1001-v1"');
  res.json({ id: 1, ref: 'RO-1001', total: 41.5 });
});
app.post('/api/orders', (req, res, next) => {
  if (!req.body || !req.body.sku) return next(httpError(422, 'validation_failed', 'sku is required'));
  res.status(201).json({ id: 2 });
});
app.get('/api/cart', (req, res) => {
  if (req.query.coupon) { const t = undefined; return res.json({ discount: t.rate }); } // TypeError -> 500
  res.json({ items: [], currency: 'EUR' });
});
app.get('/api/inventory', (req, res, next) => {
  depCall('DEP_DOWN', 1000).then(() => res.json({ ok: true }), (e) => next(httpError(502, 'inventory_unreachable', `inventory service unreachable: ${e.code}`)));
});
app.get('/api/payments', (req, res, next) => {
  depCall('DEP_DOWN', 1000).then(() => res.json({ ok: true }), () => { res.set('Retry-After', '30'); next(httpError(503, 'payments_unavailable', 'payment provider unavailable, try again shortly')); });
});
app.get('/api/quotes', (req, res, next) => {
  depCall('DEP_SLOW', 1000).then(() => res.json({ ok: true }), () => next(httpError(504, 'pricing_timeout', 'pricing service did not answer within 1s')));
});
app.get('/api/report', (req, res) => { setTimeout(() => res.json({ rows: 0 }), 6000); });
app.get('/healthz', (req, res) => res.json({ status: 'ok' }));

// the team's catch-all 404 and error middleware
app.use((req, res, next) => next(httpError(404, 'not_found', `no route for ${req.method} ${req.path}`)));
const PAGE = fs.readFileSync(path.join(__dirname, 'rowan-error.html'), 'utf8');
// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  const status = err.status || err.statusCode || 500;
  if (status >= 500) {
    console.error(err);
    res.status(status).type('html').send(PAGE.replace(/{{status}}/g, String(status)));
  } else {
    res.status(status).json({ error: { code: err.code || err.type || 'bad_request', message: err.message, status } });
  }
});
app.listen(port, '127.0.0.1');
