// Round 182 (apps173 copy, payments-gateway port moved to 62999; was: apps162/express_app.js, payments-gateway port moved to 61999): "Pellow" orders API in Express (Node).
// Round 173 adds: /healthz (503 while inventory-down), a 301 from the old /api/v1/orders/:id, a 409 on cancel,
// a 400 for a POST without items, and the team's JSON error handler (the bad deploy's 500 has no stack trace).
// Flag files in $STATE_DIR as in flask_app.py. Usage: node express_app.js PORT
const express = require('express');
const fs = require('fs'); const path = require('path'); const net = require('net');
const STATE = process.env.STATE_DIR || '/tmp';
const flag = (n) => fs.existsSync(path.join(STATE, n));
const app = express();
app.use(express.json());
app.get('/healthz', (req, res) => {
  if (flag('inventory-down')) return res.status(503).json({ status: 'fail', checks: { 'inventory-db': 'down', 'payments-gateway': 'unknown' } });
  res.json({ status: 'ok', version: flag('deploy-v2') ? '2.14.0' : '2.13.4' });
});
app.get('/api/v1/orders/:id', (req, res) => res.redirect(301, `/api/orders/${req.params.id}`));
app.post('/api/orders/:id/cancel', (req, res) => res.status(409).json({ error: 'conflict', message: `order ${req.params.id} already shipped, cannot cancel` }));
app.get('/api/orders/:id', (req, res) => {
  if (flag('deploy-v2')) { const o = undefined; return res.json({ total: o.lines.reduce((a, b) => a + b, 0) }); }
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `order ${req.params.id} not found` });
  res.set('ETag', '"pw-o1-v2"');
  if (req.get('If-None-Match') === '"pw-o1-v2"') return res.status(304).end();
  res.json({ id: 1, status: 'packed', total: 77.0 });
});
app.post('/api/orders', (req, res, next) => {
  const b = req.body || {};
  if (!Array.isArray(b.items) || !b.items.length) return res.status(400).json({ error: 'validation_failed', details: [{ field: 'items', message: 'items must be a non-empty array' }] });
  next();
}, (req, res) => res.status(201).location('/api/orders/2').json({ id: 2, status: 'created' }));
app.delete('/api/orders/:id', (req, res) => res.status(204).end());
if (!flag('deploy-v2')) app.get('/api/invoices/:id', (req, res) => res.json({ id: req.params.id, amount: 77.0 }));
app.get('/api/payments', (req, res) => {
  const s = net.connect(62999, '127.0.0.1');
  s.on('connect', () => { s.end(); res.json({ ok: true }); });
  s.on('error', (e) => res.status(502).json({ error: 'bad_gateway', message: `payments-gateway unreachable: ${e.code}`, dependency: 'payments-gateway' }));
});
app.get('/api/inventory', (req, res) => {
  if (flag('inventory-down')) return res.status(503).set('Retry-After', '30').json({ error: 'service_unavailable', message: 'inventory-db: too many connections', dependency: 'inventory-db' });
  res.json({ sku: 'PW-9', on_hand: 5 });
});
app.get('/api/search', (req, res) => {
  if (flag('search-slow')) return res.status(504).type('html').send('<!DOCTYPE html><html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1><p>search-service timed out after 2000 ms</p></body></html>\n');
  res.json({ results: [], total: 0 });
});
app.get('/api/me', (req, res) => {
  const a = req.get('Authorization') || '';
  if (a !== 'Bearer key2-token' && (flag('keys-rotated') || a !== 'Bearer key1-token')) {
    return res.status(401).set('WWW-Authenticate', 'Bearer realm="pellow", error="invalid_token", error_description="jwt signature verification failed (kid key1 not in JWKS)"').json({ error: 'invalid_token' });
  }
  res.json({ sub: 'u-5', role: 'ops' });
});
app.get('/api/quota', (req, res) => {
  if (flag('quota')) return res.status(429).set('Retry-After', '90').json({ error: 'too_many_requests', message: 'quota exceeded for key pk_live_…3f2', retry_after: 90 });
  res.json({ remaining: 17 });
});
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 5000));
// round 173: the error handler the team added (no stack trace in the answer)
app.use((err, req, res, next) => res.status(500).json({ error: 'internal_error', message: 'Something went wrong', request_id: req.get('X-Request-ID') || null }));
app.listen(Number(process.argv[2]), '127.0.0.1');
