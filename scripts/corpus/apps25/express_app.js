// Round-25 corpus: the orders API on Express 5 behind HAProxy, which sends
// its unique-id as X-Request-ID. A middleware echoes it as X-Request-ID and
// X-Correlation-ID, and the app's own JSON errors carry it as requestId.
// What Express answers by itself (finalhandler's "Cannot GET" 404 and its
// HTML 500, body-parser's 400 and 413) carries the headers but no id in the
// body. node express_app.js PORT
'use strict';
const express = require('express');
const crypto = require('crypto');

const port = Number(process.argv[2]);
const app = express();
app.set('env', 'production');
app.disable('x-powered-by');
app.use((req, res, next) => {
  req.id = req.get('x-request-id') || crypto.randomUUID();
  res.set({ 'X-Request-ID': req.id, 'X-Correlation-ID': req.id });
  next();
});
app.use(express.json({ limit: '1kb' }));

const err = (req, res, status, code, message, extra) =>
  res.status(status).json(Object.assign({ error: code, message, requestId: req.id }, extra || {}));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(req, res, 404, 'NOT_FOUND', `Order ${req.params.id} not found`);
  res.json({ id: 1, sku: 'A-1' });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!b.sku) return err(req, res, 400, 'VALIDATION_ERROR', '"sku" is required');
  if (!(Number.isInteger(b.qty) && b.qty > 0)) return err(req, res, 422, 'VALIDATION_ERROR', '"qty" must be a positive number');
  res.status(201).json({ id: 2, ...b });
});
app.post('/api/orders/:id/cancel', (req, res) => err(req, res, 409, 'CONFLICT', 'Order already shipped'));
app.get('/api/admin/reports', (req, res) => {
  if (!req.get('authorization')) {
    res.set('WWW-Authenticate', 'Bearer realm="api"');
    return err(req, res, 401, 'UNAUTHORIZED', 'No authorization token was found');
  }
  return err(req, res, 403, 'FORBIDDEN', 'insufficient scope');
});
app.get('/api/limited', (req, res) => {
  res.set({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '37', 'Retry-After': '37' });
  res.status(429).send('Too many requests, please try again later.');
});
app.get('/api/boom', (req, res) => {
  const order = undefined;
  res.json({ total: order.qty * 10 });
});
app.get('/api/maintenance', (req, res) =>
  res.set('Retry-After', '300').status(503).json({ status: 503, message: 'Service temporarily unavailable for maintenance', requestId: req.id }));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));
app.get('/api/inventory', (req, res) =>
  setTimeout(() => err(req, res, 504, 'UPSTREAM_TIMEOUT', 'inventory service timed out after 1000ms'), 1000));
app.all('/api/orders', (req, res) => res.set('Allow', 'GET, POST').status(405).json({ error: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed here`, requestId: req.id }));

app.listen(port, '127.0.0.1');
