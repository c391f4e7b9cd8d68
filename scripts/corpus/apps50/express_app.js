// Round-50 corpus: a carts API on Express 5 in production, behind Caddy.
// JSON errors with a status field, Express's "Cannot GET" 404, body-parser's
// 400 and 413 (limit 2kb), the default 500 page, a 401, a 422, the app's own
// 429 with Retry-After, a 503, a handler that sleeps 6 s.
'use strict';
const express = require('express');
const app = express();
app.use(express.json({ limit: '2kb' }));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/carts/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ status: 404, error: 'Not Found', message: `cart ${req.params.id} does not exist` });
  res.json({ id: 1, items: [] });
});
app.post('/api/carts/:id/items', (req, res) => {
  const b = req.body || {};
  if (!Number.isInteger(b.qty) || b.qty < 1) {
    return res.status(422).json({ status: 422, error: 'Unprocessable Entity', message: 'qty must be a positive integer' });
  }
  res.status(201).json({ ok: true });
});
app.get('/api/checkout', (req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="carts"');
  res.status(401).json({ status: 401, error: 'Unauthorized', message: 'missing or expired session' });
});
app.get('/api/coupons', (req, res) => {
  res.set('Retry-After', '12');
  res.status(429).json({ status: 429, error: 'Too Many Requests', message: 'coupon lookups are limited to 10 per minute' });
});
app.get('/api/recommendations', (req, res) => {
  res.status(503).json({ status: 503, error: 'Service Unavailable', message: 'recommendation engine is warming up' });
});
app.get('/api/boom', (req, res) => {
  const cart = undefined;
  res.json({ total: cart.total }); // a real bug: TypeError, Express's default 500 page
});
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ done: true }), 6000));

app.listen(Number(process.argv[2]), '127.0.0.1');
