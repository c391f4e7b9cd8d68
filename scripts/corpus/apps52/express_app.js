// Orders API in Express 5 (round 52), production mode, JSON errors of its own.
const express = require('express');
const app = express();
const port = Number(process.argv[2]);
const err = (res, status, code, message) => res.status(status).json({ error: { status, code, message } });

app.get('/api/catalog', (req, res) => { res.set('Cache-Control', 'public, max-age=60'); res.json({ items: [{ sku: 'A-1' }] }); });
app.get('/api/orders/:id', (req, res) => req.params.id === '42'
  ? res.json({ id: 42, sku: 'A-1', qty: 2 })
  : err(res, 404, 'ORDER_NOT_FOUND', `order ${req.params.id} not found`));
app.get('/api/admin/reports', (req, res) => {
  const auth = req.get('authorization');
  if (!auth) { res.set('WWW-Authenticate', 'Bearer realm="orders"'); return err(res, 401, 'UNAUTHENTICATED', 'missing bearer token'); }
  if (!auth.includes('admin')) return err(res, 403, 'FORBIDDEN', 'admin scope required');
  res.json({ reports: [] });
});
app.get('/api/limited', (req, res) => { res.set('Retry-After', '30'); err(res, 429, 'RATE_LIMITED', 'too many requests'); });
app.get('/api/maintenance', (req, res) => { res.set('Retry-After', '120'); err(res, 503, 'MAINTENANCE', 'down for maintenance'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 5000));
app.listen(port, '127.0.0.1');
