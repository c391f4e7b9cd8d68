// Round-18 corpus (round 16's app, reused): the orders API on Express 5 in production, as a team
// writes it, behind Squid as a reverse accelerator: `compression()` gzips
// what it sends, `cors()` checks the Origin against an allow-list the way
// the cors README shows it (an unknown origin becomes an Error, which
// Express's default handler answers with its production 500 page), the JSON
// errors are the team's, and what Express answers itself ("Cannot GET",
// body-parser's 400/413, the 500 page) is Express's.
//   node express_app.js PORT
'use strict';
const express = require('express');
const compression = require('compression');
const cors = require('cors');

const port = Number(process.argv[2]);
const app = express();
app.set('env', 'production');
app.disable('x-powered-by');
app.use(compression({ threshold: 0 }));
const allowed = ['https://shop.example.test', 'https://admin.example.test'];
app.use(cors({
  origin(origin, cb) {
    if (!origin || allowed.includes(origin)) return cb(null, true);
    cb(new Error('Not allowed by CORS'));
  },
  credentials: true,
}));
app.use(express.json({ limit: '1kb' }));

const err = (res, status, code, message, extra) =>
  res.status(status).json(Object.assign({ error: { code, message } }, extra || {}));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(res, 404, 'ORDER_NOT_FOUND', `Order ${req.params.id} not found`);
  res.json({ id: 1, sku: 'A-1', qty: 2 });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!b.sku) return err(res, 400, 'VALIDATION_ERROR', 'sku is required');
  if (!(Number.isInteger(b.qty) && b.qty > 0)) return err(res, 422, 'VALIDATION_ERROR', 'qty must be a positive integer', { field: 'qty' });
  res.status(201).json({ id: 2, ...b });
});
app.post('/api/orders/:id/cancel', (req, res) => err(res, 409, 'ORDER_SHIPPED', 'Order already shipped, cannot cancel'));
// old clients still call /api/orders/legacy/:id: sent on to the legacy service
app.get('/api/orders/legacy/:id', (req, res) => res.redirect(302, `/legacy/api/orders/${req.params.id}`));
app.get('/api/account', (req, res) => res.redirect(302, '/api/account/login?next=%2Fapi%2Faccount'));
app.get('/api/account/login', (req, res) =>
  res.set('WWW-Authenticate', 'Bearer realm="shop"').status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to see your account' } }));
app.get('/api/admin/reports', (req, res) => {
  if (!req.get('authorization')) return res.set('WWW-Authenticate', 'Bearer realm="shop"').status(401).json({ message: 'No authorization token was found' });
  return res.status(403).json({ message: 'Forbidden: token lacks the reports:read scope' });
});
app.get('/api/limited', (req, res) => {
  res.set({ 'RateLimit-Policy': '100;w=60', 'RateLimit': 'limit=100, remaining=0, reset=37', 'Retry-After': '37' });
  res.status(429).send('Too many requests, please try again later.');
});
app.get('/api/boom', (req, res) => {
  const cart = undefined;
  res.json({ total: cart.items.length });
});
app.get('/api/maintenance', (req, res) =>
  res.set('Retry-After', '300').status(503).json({ error: { code: 'MAINTENANCE', message: 'Checkout is paused for maintenance' } }));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));
app.get('/api/catalog', (req, res) =>
  res.set('Cache-Control', 'public, max-age=120').json({ items: [{ sku: 'A-1', name: 'Trail shoe', price: 12900 }, { sku: 'B-2', name: 'Rain jacket', price: 8900 }] }));

app.listen(port, '127.0.0.1');
