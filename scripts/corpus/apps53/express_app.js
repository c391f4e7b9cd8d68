// Round-53 corpus (from round 26's, plus /api/catalog/featured): the product catalog API on Express 5 (production), as a
// team writes it for a caching front: Express's own weak ETag on every JSON
// answer, a Last-Modified and `Cache-Control: public, max-age=N` set by the
// handlers; res.json answers a matching If-None-Match / If-Modified-Since
// with Express's own 304 (req.fresh). PUT checks If-Match itself (412/428).
// An unknown product is a JSON 404 with max-age=60; the daily report a JSON
// 500 with max-age=30. Flag files in $CATALOG_FLAGS: "fail" (the catalog
// answers a JSON 500) and "slow" (it sleeps 5 s).
//   node express_app.js PORT
'use strict';
const fs = require('fs');
const path = require('path');
const express = require('express');

const port = Number(process.argv[2]);
const flags = process.env.CATALOG_FLAGS || '/nonexistent';
const flag = (name) => fs.existsSync(path.join(flags, name));
const LAST_MOD = 'Tue, 04 Mar 2025 09:30:00 GMT';
const PRODUCTS = {
  1: { id: 1, sku: 'TEA-001', name: 'Sencha', price: 1250 },
  2: { id: 2, sku: 'TEA-002', name: 'Genmaicha', price: 990 },
};
const app = express();
app.disable('x-powered-by');
app.set('env', 'production');
app.use(express.json({ limit: '1kb' }));

const fail = (res, status, code, message, cache) =>
  res.set('Cache-Control', cache || 'no-store').status(status).json({ error: code, message });

app.get('/api/catalog', async (req, res) => {
  if (flag('slow')) await new Promise((r) => setTimeout(r, 5000));
  if (flag('fail')) return fail(res, 500, 'CATALOG_UNAVAILABLE', 'pricing database unreachable');
  res.set({ 'Cache-Control': 'public, max-age=2', 'Last-Modified': LAST_MOD });
  res.json({ items: Object.values(PRODUCTS), currency: 'EUR' });
});
app.get('/api/catalog/featured', async (req, res) => {
  await new Promise((r) => setTimeout(r, 1500));
  res.set({ 'Cache-Control': 'public, max-age=60', 'Last-Modified': LAST_MOD });
  res.json({ items: [PRODUCTS[1]], featured: true });
});
app.get('/api/products/:id', (req, res) => {
  const p = PRODUCTS[req.params.id];
  if (!p) return fail(res, 404, 'PRODUCT_NOT_FOUND', `Product ${req.params.id} not found`, 'public, max-age=60');
  res.set({ 'Cache-Control': 'public, max-age=60', 'Last-Modified': LAST_MOD });
  res.json(p);
});
app.put('/api/products/:id', (req, res) => {
  const p = PRODUCTS[req.params.id];
  if (!p) return fail(res, 404, 'PRODUCT_NOT_FOUND', `Product ${req.params.id} not found`);
  const im = req.get('if-match');
  if (!im) return fail(res, 428, 'PRECONDITION_REQUIRED', 'If-Match is required for updates');
  if (im !== `"p${p.id}-v3"`) return fail(res, 412, 'PRECONDITION_FAILED', 'The product was modified by someone else');
  res.json(p);
});
app.get('/api/stock/:id', (req, res) => {
  res.set({ 'Cache-Control': 'no-cache', 'Last-Modified': LAST_MOD });
  res.json({ id: Number(req.params.id), in_stock: 42 });
});
app.get('/api/reports/daily', (req, res) =>
  fail(res, 500, 'REPORT_FAILED', 'Daily report generation failed', 'public, max-age=30'));
app.get('/api/account', (req, res) => {
  if (!req.get('authorization')) {
    return res.set('WWW-Authenticate', 'Bearer realm="catalog"').set('Cache-Control', 'private')
      .status(401).json({ message: 'No authorization token was found' });
  }
  res.set('Cache-Control', 'private').json({ user: 'ana' });
});
app.get('/api/maintenance', (req, res) =>
  res.set({ 'Retry-After': '600', 'Cache-Control': 'no-store' }).status(503)
    .json({ status: 503, message: 'Catalog imports are paused for maintenance' }));
app.get('/api/boom', (req, res) => {
  const report = undefined;
  res.json({ total: report.lines.length });
});
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));

app.listen(port, '127.0.0.1');
