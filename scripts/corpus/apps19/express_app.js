// Round-19 corpus: the cart API, Express 5 on Node's own http server with
// nothing in front (production mode). body-parser's json() with a 1 KiB
// limit; Express's default pages; Node's http parser answers malformed
// requests and oversized headers itself (431, 400) before Express sees them.
const express = require('express');
const app = express();
app.use(express.json({ limit: '1kb' }));
app.get('/api/cart', (req, res) => res.json({ items: [{ sku: 'A-1', qty: 2 }] }));
app.post('/api/cart/items', (req, res) => {
  if (!req.body || !(req.body.qty > 0)) return res.status(422).json({ error: 'validation_failed', fields: { qty: 'must be greater than 0' } });
  res.status(201).json(req.body);
});
app.get('/api/admin/carts', (req, res) => res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'unauthorized' }));
app.get('/api/boom', (req, res) => { null.total; });
app.get('/api/maintenance', (req, res) => res.set('Retry-After', '90').status(503).json({ error: 'maintenance' }));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));
app.listen(Number(process.argv[2]), '127.0.0.1');
