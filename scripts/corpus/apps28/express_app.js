// Round-28 corpus: an Express 5 API in production (NODE_ENV=production), the
// way small teams ship it: JSON for the errors the handlers know about,
// and for everything else Express's own answers: finalhandler's terse HTML
// ("Cannot GET /x", "Internal Server Error", body-parser's 400/413 pages).
//   node express_app.js PORT
const express = require('express');
const app = express();
const port = Number(process.argv[2]);

app.use(express.json({ limit: '100kb' }));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/carts/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'cart_not_found', id: req.params.id });
  res.json({ id: 1, items: [] });
});
app.post('/api/carts', (req, res) => {
  if (!Array.isArray(req.body.items)) return res.status(422).json({ error: 'validation_failed', fields: { items: 'must be an array' } });
  res.status(201).json({ id: 2 });
});
app.get('/api/boom', (req, res) => {
  const cart = undefined;
  res.json({ total: cart.total });  // TypeError: finalhandler's 500 page, no stack in production
});
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));

app.listen(port, '127.0.0.1');
