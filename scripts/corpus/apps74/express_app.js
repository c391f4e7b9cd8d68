// Round 74: an Express 4 catalog API (Corvid Outfitters) behind nginx's
// proxy_cache (nginx writes its own Server; Express sends none, only
// X-Powered-By: Express).
// Cacheable: /api/products/1 (public, max-age=300, ETag, Last-Modified),
// /api/rates (public, max-age=2) and the 404 for product 9 (public,
// max-age=120). Everything else says no-store. Unrouted paths get Express's
// "Cannot GET" page, a thrown error finalhandler's "Internal Server Error"
// page (NODE_ENV=production).
'use strict';
const express = require('express');

const app = express();
const port = Number(process.argv[2] || 61117);
const LM = 'Mon, 02 Jun 2025 08:00:00 GMT';
app.use(express.json());

const cached = (res, age, etag) => res.set({ 'Cache-Control': `public, max-age=${age}`, ETag: `"${etag}"`, 'Last-Modified': LM });
const fail = (res, status, code, message, age) => {
  res.set('Cache-Control', age ? `public, max-age=${age}` : 'no-store');
  return res.status(status).json({ error: { code, message } });
};

app.get('/api/products/:id', (req, res) => {
  const id = req.params.id;
  if (!/^\d+$/.test(id)) return fail(res, 400, 'BAD_REQUEST', 'product id must be a number');
  if (id === '1') return cached(res, 300, 'cv-p1-v9').json({ id: 1, sku: 'CV-TNT-2P', name: 'Tent, 2 person', price: '189.00' });
  return fail(res, 404, 'NOT_FOUND', `product ${id} not found`, id === '9' ? 120 : 0);
});
app.get('/api/rates', (req, res) => cached(res, 2, 'cv-rates-v12').json({ EUR: 1, USD: '1.0842', as_of: '2025-06-02' }));
app.get('/api/orders/:id', (req, res) => fail(res, 404, 'NOT_FOUND', `order ${req.params.id} not found`));
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!b.sku) return fail(res, 422, 'VALIDATION_FAILED', 'sku is required');
  res.set('Cache-Control', 'no-store').status(201).json({ id: 8801, sku: b.sku, status: 'pending' });
});
app.get('/api/account', (req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="corvid"');
  fail(res, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
});
app.get('/api/quota', (req, res) => {
  res.set('Retry-After', '30');
  fail(res, 429, 'RATE_LIMITED', 'too many requests for this key');
});
app.get('/api/maintenance', (req, res) => {
  res.set('Retry-After', '600');
  fail(res, 503, 'MAINTENANCE', 'the catalog is read-only during the nightly import');
});
app.get('/api/boom', () => { throw new Error('inventory sync failed'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true, waited: 5 }), 5000));
app.get('/api/statements', (req, res) => {
  res.set('Cache-Control', 'no-store').status(503).type('html').send(`<!DOCTYPE html>
<html><head><title>503 Service Unavailable - Corvid Outfitters</title></head>
<body><h1>Service Unavailable</h1><p>Statements are being rebuilt. Try again later.</p></body></html>
`);
});

app.listen(port, '127.0.0.1');
