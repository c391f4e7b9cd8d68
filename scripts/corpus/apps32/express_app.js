// Round-32 corpus: the orders API on Express 5, the app at the bottom of
// every chain. express.json({limit: '1kb'}) (body-parser's 413), a catalog
// with Cache-Control for the caches in front, a handler that sleeps ?s=
// seconds, and the errors the team writes itself.
// express_app.js PORT
const express = require('express');
const app = express();
app.use(express.json({ limit: '1kb' }));
const sleep = (req) => new Promise((r) => setTimeout(r, Math.min(Number(req.query.s || 5), 12) * 1000));
let quotes = 0;

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/catalog', (req, res) => {
  res.set('Cache-Control', 'public, max-age=300');
  res.json({ items: [{ sku: 'A-1', price: 990 }, { sku: 'B-2', price: 1490 }], generated_at: new Date().toISOString() });
});
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `order ${req.params.id} does not exist` });
  res.json({ id: 1, sku: 'A-1', qty: 2 });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!Number.isInteger(b.qty) || b.qty < 1) return res.status(422).json({ error: 'validation_failed', details: [{ field: 'qty', message: 'must be a positive integer' }] });
  if (b.sku === 'A-1') return res.status(409).json({ error: 'conflict', message: 'an open order for A-1 already exists' });
  res.status(201).json({ id: 2, sku: b.sku, qty: b.qty });
});
app.get('/api/admin/users', (req, res) => res.status(403).json({ error: 'forbidden', message: 'admin role required' }));
app.get('/api/quotes', (req, res) => {
  quotes += 1;
  if (quotes > 2) { res.set('Retry-After', '30'); return res.status(429).json({ error: 'rate_limited', message: 'quote limit reached, retry in 30 s' }); }
  res.json({ quote: 42 });
});
app.get('/api/payments/status', (req, res) => res.status(503).json({ error: 'maintenance', message: 'payments are being migrated, back at 14:00 UTC' }));
app.get('/api/shipping/:id', (req, res) => res.status(504).json({ error: 'upstream_timeout', message: 'the carrier API did not answer within 1 s' }));
app.get('/api/boom', (req, res) => { throw new Error('boom'); });
app.get(['/api/slow', '/api/reports/:id', '/api/exports/:id'], async (req, res) => { await sleep(req); res.json({ ok: true }); });
app.listen(Number(process.argv[2]), '127.0.0.1');
