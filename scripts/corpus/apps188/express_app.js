// Round 178 (round 163's app, with its own HTML 502/503/504 pages added): "Quarrow" orders API in Express 4 (Node). Same routes and answers as flask_app.py;
// NODE_ENV=production, so an unhandled error is Express's HTML "Internal Server Error" (no stack)
// and an unrouted path its "Cannot GET" page. While $STATE_DIR/maint exists, the app's own JSON 503.
// Usage: node express_app.js PORT
const express = require('express');
const fs = require('fs'); const path = require('path');
const STATE = process.env.STATE_DIR || '/tmp';
const app = express();
app.use((req, res, next) => {
  if (fs.existsSync(path.join(STATE, 'maint'))) return res.status(503).set('Retry-After', '300').json({ error: 'maintenance', message: 'Quarrow is in maintenance mode (schema migration)' });
  next();
});
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `order ${req.params.id} not found` });
  if (req.get('If-None-Match') === '"qw-o1-v4"') return res.status(304).set('ETag', '"qw-o1-v4"').end();
  res.set('ETag', '"qw-o1-v4"').json({ id: 1, status: 'shipped', total: 42.5 });
});
app.post('/api/orders', express.text({ type: '*/*' }), (req, res) => {
  let body;
  try { body = JSON.parse(typeof req.body === 'string' ? req.body : ''); } catch (e) { return res.status(400).json({ error: 'bad_request', message: 'request body is not valid JSON' }); }
  if (!body || typeof body !== 'object' || !('sku' in body)) return res.status(422).json({ error: 'validation_failed', errors: [{ field: 'sku', message: 'is required' }] });
  if (body.sku === 'DUP-1') return res.status(409).json({ error: 'conflict', message: 'an order for sku DUP-1 already exists (id 1)' });
  res.status(201).location('/api/orders/2').json({ id: 2, status: 'created' });
});
app.delete('/api/orders/:id', (req, res) => res.status(204).end());
app.get('/api/me', (req, res) => {
  if (req.get('Authorization') !== 'Bearer good-token') return res.status(401).set('WWW-Authenticate', 'Bearer realm="quarrow", error="invalid_token"').json({ error: 'unauthorized', message: 'missing or invalid bearer token' });
  res.json({ sub: 'u-7' });
});
app.get('/api/admin/users', (req, res) => res.status(403).json({ error: 'forbidden', message: "role 'viewer' may not list users" }));
app.get('/api/quota', (req, res) => res.status(429).set('Retry-After', '42').json({ error: 'rate_limited', message: '60 requests per minute exceeded' }));
app.get('/api/boom', (req, res) => { const c = undefined; res.json({ id: c.customer_id }); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 5000));
app.get('/api/payments', (req, res) => res.status(502).type('html').send('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>Quarrow: the payments provider did not answer</p></body></html>\n'));
app.get('/api/statements', (req, res) => res.status(503).type('html').send('<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Quarrow: statements are being regenerated, try again later</p></body></html>\n'));
app.get('/api/reports', (req, res) => res.status(504).type('html').send('<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1><p>Quarrow: the reporting warehouse timed out</p></body></html>\n'));
app.get('/api/catalog', (req, res) => {
  res.set('ETag', '"qw-cat-v2"').set('Cache-Control', 'public, max-age=5');
  if (req.get('If-None-Match') === '"qw-cat-v2"') return res.status(304).end();
  res.json({ items: [{ sku: 'X-7', price: 12.5 }, { sku: 'Y-2', price: 3.0 }] });
});
app.listen(Number(process.argv[2]), '127.0.0.1');
