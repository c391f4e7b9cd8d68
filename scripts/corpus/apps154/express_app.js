// Round 154: "Quillwort" orders API in Express (Node, behind nghttpx). NODE_ENV=production.
// Usage: node express_app.js PORT
const express = require('express');
const app = express();
app.use(express.json());
const ETAG = '"qw-o1-v7"';
const err = (res, s, code, message) => res.status(s).json({ error: code, message });
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(res, 404, 'order_not_found', `no order ${req.params.id}`);
  if (req.get('If-None-Match') === ETAG) return res.status(304).set('ETag', ETAG).end();
  res.set('ETag', ETAG).json({ id: 1, status: 'packed', total: 31.0 });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (b.qty === undefined) return res.status(422).json({ error: 'validation_failed', fields: { qty: 'required' } });
  if (b.sku === 'DUP') return err(res, 409, 'duplicate_order', 'an open order for sku DUP exists');
  res.status(201).location('/api/orders/2').json({ id: 2, status: 'created' });
});
app.delete('/api/orders/:id', (req, res) => res.status(204).end());
app.get('/api/me', (req, res) => res.status(401).set('WWW-Authenticate', 'Bearer realm="quillwort"').json({ error: 'unauthorized' }));
app.get('/api/admin', (req, res) => err(res, 403, 'forbidden', 'ops role required'));
app.get('/api/quota', (req, res) => res.status(429).set('Retry-After', '60').json({ error: 'too_many_requests', retry_after: 60 }));
app.get('/api/inventory', (req, res) => res.status(503).set('Retry-After', '30').json({ error: 'service_unavailable', message: 'inventory-db down' }));
app.get('/api/boom', (req, res) => { const x = undefined; res.json(x.lines); });
app.get('/old/orders/:id', (req, res) => res.redirect(301, `/api/orders/${req.params.id}`));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 5000));
app.listen(Number(process.argv[2]), '127.0.0.1');
