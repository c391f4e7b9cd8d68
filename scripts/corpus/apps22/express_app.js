// Round-22 corpus: the orders API on Express 5 in production. Every error is
// JSON {"status": N, "error": REASON, "message": TEXT}, the shape HAProxy's
// and Caddy's own JSON answers copy in this round.
// node express_app.js PORT
'use strict';
const express = require('express');

const port = Number(process.argv[2]);
const app = express();
app.set('env', 'production');
app.disable('x-powered-by');
app.use(express.json({ limit: '1kb' }));

const REASON = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable' };
const err = (res, status, message) => res.status(status).json({ status, error: REASON[status], message });

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(res, 404, `Order ${req.params.id} not found`);
  res.json({ id: 1, sku: 'A-1' });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!b.sku) return err(res, 400, '"sku" is required');
  if (!(Number.isInteger(b.qty) && b.qty > 0)) return err(res, 422, '"qty" must be a positive number');
  res.status(201).json({ id: 2, ...b });
});
app.all('/api/orders', (req, res) => { res.set('Allow', 'POST'); err(res, 405, `${req.method} is not allowed here`); });
app.get('/api/admin/reports', (req, res) => {
  const auth = req.get('authorization');
  if (!auth) { res.set('WWW-Authenticate', 'Bearer realm="api"'); return err(res, 401, 'No authorization token was found'); }
  return err(res, 403, 'Insufficient scope');
});
app.get('/api/limited', (req, res) => {
  res.set({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '37', 'Retry-After': '37' });
  err(res, 429, 'Too many requests, please try again later.');
});
app.get('/api/boom', (req, res) => {
  const order = undefined;
  res.json({ total: order.qty * 10 });
});
app.get('/api/maintenance', (req, res) => { res.set('Retry-After', '300'); err(res, 503, 'Service temporarily unavailable'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));
app.get('/api/crash', (req) => req.socket.destroy());  // a worker dies mid-request: no response at all
app.get('/api/search', (req, res) => res.json({ results: [], q: req.query.q || '' }));
app.get('/api/items', (req, res) => res.json({ items: [{ sku: 'A-1' }] }));
app.use((req, res) => err(res, 404, `Cannot ${req.method} ${req.path}`));
app.use((e, req, res, next) => err(res, e.status || e.statusCode || 500, e.expose ? e.message : 'Internal Server Error'));

app.listen(port, '127.0.0.1');
