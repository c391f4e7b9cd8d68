// Round-20 corpus: the orders API on Express 5, production mode, no extra
// middleware beyond express.json (a 1 KiB limit). The handlers' errors are
// JSON; the rest is Express's own: "Cannot GET", body-parser's 400 and 413,
// finalhandler's HTML 500 page. `node express_app.js PORT`
'use strict';
const express = require('express');
const app = express();
app.set('trust proxy', 'loopback');
app.use(express.json({ limit: '1kb' }));

const err = (res, status, code, message) => res.status(status).json({ error: { code, message } });

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(res, 404, 'ORDER_NOT_FOUND', `Order ${req.params.id} not found`);
  res.json({ id: 1, sku: 'A-1', qty: 2 });
});
app.post('/api/orders', (req, res) => {
  const { sku, qty } = req.body || {};
  if (!sku || !(qty > 0)) return err(res, 422, 'VALIDATION_FAILED', 'sku is required and qty must be positive');
  res.status(201).json({ id: 2, sku, qty });
});
app.post('/api/orders/:id/cancel', (req, res) => err(res, 409, 'ORDER_SHIPPED', 'Order already shipped, cannot cancel'));
app.get('/api/admin/reports', (req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="orders"');
  err(res, 401, 'UNAUTHENTICATED', 'Missing or invalid access token');
});
app.get('/api/limited', (req, res) => {
  res.set('Retry-After', '30');
  err(res, 429, 'RATE_LIMITED', 'Too many requests, slow down');
});
app.get('/api/boom', () => { throw new TypeError("Cannot read properties of undefined (reading 'total')"); });
app.get('/api/maintenance', (req, res) => {
  res.set('Retry-After', '120');
  err(res, 503, 'MAINTENANCE', 'Orders is down for scheduled maintenance');
});
app.get('/api/exports/:year', (req, res) => setTimeout(() => res.json({ status: 'done' }), 3000));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));

app.listen(Number(process.argv[2]), '127.0.0.1');
