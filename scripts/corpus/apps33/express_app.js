// Round-33 corpus: a small carts API on Express 5 (NODE_ENV=production).
// JSON errors with a status field, Express's stock "Cannot GET" 404 page,
// body-parser's 400 and 413, the default 500 page, a slow handler.
const express = require('express');
const app = express();
const port = Number(process.argv[2] || 51015);
app.use(express.json({ limit: '1kb' }));

app.get('/api/carts/:id', (req, res) => {
  if (req.params.id !== '1') {
    return res.status(404).json({ status: 404, error: 'Not Found', message: `cart ${req.params.id} not found` });
  }
  res.json({ id: 1, items: [] });
});
app.post('/api/carts', (req, res) => {
  if (!req.body || !Array.isArray(req.body.items)) {
    return res.status(422).json({ status: 422, error: 'Unprocessable Entity', message: 'items must be an array' });
  }
  res.status(201).json({ id: 2 });
});
app.get('/api/checkout', (req, res) => {
  res.status(402).json({ status: 402, error: 'Payment Required', message: 'card declined' });
});
app.get('/api/quota', (req, res) => {
  res.set('Retry-After', '30').status(429).send('Too Many Requests');
});
app.get('/api/boom', (req, res) => {
  const cart = undefined;
  res.json({ n: cart.items.length }); // TypeError -> Express's default 500
});
app.get('/api/slow', (req, res) => {
  setTimeout(() => res.json({ done: true }), 6000);
});
app.listen(port, '127.0.0.1');
