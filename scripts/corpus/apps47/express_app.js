// Round-47 corpus (round 13's app): the orders API on Express 5, the upstream of
// express-gateway, of the aiohttp gateway and of nginx alone.
// node express_app.js PORT ENV   (ENV production or development: Express's
// default error handler shows the stack only in development)
'use strict';
const express = require('express');

const port = Number(process.argv[2]);
const env = process.argv[3] || 'production';
const app = express();
app.set('env', env);
app.disable('x-powered-by');
app.use(express.json({ limit: '1kb' }));

const err = (res, status, code, message, extra) =>
  res.status(status).json(Object.assign({ error: code, message }, extra || {}));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(res, 404, 'NOT_FOUND', `Order ${req.params.id} not found`);
  res.json({ id: 1, sku: 'A-1' });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!b.sku) return err(res, 400, 'VALIDATION_ERROR', '"sku" is required', { details: [{ path: ['sku'], type: 'any.required' }] });
  if (!(Number.isInteger(b.qty) && b.qty > 0)) return err(res, 422, 'VALIDATION_ERROR', '"qty" must be a positive number');
  res.status(201).json({ id: 2, ...b });
});
app.post('/api/orders/:id/cancel', (req, res) => err(res, 409, 'CONFLICT', 'Order already shipped'));
app.get('/api/admin/reports', (req, res) => {
  const auth = req.get('authorization');
  if (!auth) return res.set('WWW-Authenticate', 'Bearer realm="api"').status(401).json({ message: 'No authorization token was found' });
  return res.status(403).json({ message: 'Forbidden: insufficient scope' });
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
  res.set('Retry-After', '300').status(503).json({ status: 503, message: 'Service temporarily unavailable for maintenance' }));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));


app.all('/api/orders', (req, res) => res.set('Allow', 'GET, POST').status(405).json({ error: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed here` }));
app.get('/api/inventory', (req, res) =>
  // the app's own dependency (a stock service) did not answer in time
  setTimeout(() => err(res, 504, 'UPSTREAM_TIMEOUT', 'inventory service timed out after 1000ms'), 1000));
app.get('/api/catalog', (req, res) => res.set('Cache-Control', 'public, max-age=60').json({ items: [{ sku: 'A-1', price: 1200 }] }));
app.get('/api/report', (req, res) => err(res, 500, 'REPORT_FAILED', 'Report generation failed'));

app.listen(port, '127.0.0.1');
