// Round-51 corpus (round 39's app): a cart API on Express 5 in production,
// behind lighttpd (TLS, HTTP/2). It logs and echoes the X-Request-ID the front sends (or makes one) in a header and in its
// JSON errors. express.json({limit: '4kb'}) (body-parser's 400 and 413),
// Express's "Cannot GET" 404 and its HTML 500 from the default handler.
// `node express_app.js PORT`
'use strict';
const crypto = require('crypto');
const express = require('express');
const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 'loopback');
app.use((req, res, next) => { req.rid = req.get('x-request-id') || crypto.randomUUID(); res.set('X-Request-Id', req.rid);
  res.on('finish', () => console.log(`rid=${req.rid} ${req.method} ${req.originalUrl} -> ${res.statusCode}`)); next(); });
app.use(express.json({ limit: '4kb' }));
const fail = (req, res, status, code, message) => res.status(status).json({ error: { code, message, requestId: req.rid } });

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/carts/:id', (req, res) => (req.params.id === 'c1' ? res.json({ id: 'c1', items: 2 }) : fail(req, res, 404, 'CART_NOT_FOUND', `Cart ${req.params.id} not found`)));
app.post('/api/carts/:id/items', (req, res) => {
  if (!req.body || !Number.isInteger(req.body.qty) || req.body.qty < 1) return fail(req, res, 422, 'INVALID_QTY', 'qty must be a positive integer');
  res.status(201).json({ ok: true });
});
app.post('/api/carts/:id/checkout', (req, res) => fail(req, res, 409, 'CART_LOCKED', 'Cart is already being checked out'));
app.get('/api/account', (req, res) => { res.set('WWW-Authenticate', 'Bearer'); fail(req, res, 401, 'UNAUTHENTICATED', 'Session expired, log in again'); });
app.get('/api/admin/discounts', (req, res) => fail(req, res, 403, 'FORBIDDEN', 'Only merchandisers can edit discounts'));
app.get('/api/coupons', (req, res) => { res.set('Retry-After', '20'); fail(req, res, 429, 'TOO_MANY_REQUESTS', 'Coupon lookups are limited'); });
app.get('/api/boom', () => { throw new Error('price rule engine returned undefined'); });
app.get('/api/maintenance', (req, res) => { res.set('Retry-After', '300'); fail(req, res, 503, 'MAINTENANCE', 'Checkout is paused for a deploy'); });
app.get('/api/shipping', async (req, res) => { await new Promise((r) => setTimeout(r, 1000)); fail(req, res, 504, 'CARRIER_TIMEOUT', 'Shipping rates did not arrive within 1s'); });
app.get('/api/slow', async (req, res) => { await new Promise((r) => setTimeout(r, 5000)); res.json({ status: 'late' }); });
app.get('/api/empty-error', (req, res) => res.status(500).end());
app.get('/cart', (req, res) => res.redirect(302, '/api/carts/c1'));

app.listen(Number(process.argv[2]), '127.0.0.1');
