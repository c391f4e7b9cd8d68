// Round-30 corpus: the orders API on Express 5 with express-rate-limit 8
// (draft-7 RateLimit headers on search, legacy X-RateLimit-* on login, a
// JSON handler on the export limiter) and express.json({limit: '1kb'}).
// express_app.js PORT
const express = require('express');
const { rateLimit } = require('express-rate-limit');
const app = express();
app.set('trust proxy', false);
app.use(express.json({ limit: '1kb' }));

const searchLimiter = rateLimit({ windowMs: 60000, limit: 3, standardHeaders: 'draft-7', legacyHeaders: false });
const loginLimiter = rateLimit({ windowMs: 60000, limit: 2, standardHeaders: false, legacyHeaders: true,
  message: 'Too many login attempts, please try again later.' });
const exportLimiter = rateLimit({ windowMs: 60000, limit: 1, standardHeaders: 'draft-6', legacyHeaders: false,
  handler: (req, res, next, options) => res.status(options.statusCode).json({
    error: 'too_many_requests', message: 'one export per minute', retry_after_seconds: Math.ceil(options.windowMs / 1000) }) });

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `order ${req.params.id} does not exist` });
  res.json({ id: 1, sku: 'A-1', qty: 2 });
});
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!Number.isInteger(b.qty) || b.qty < 1) return res.status(400).json({ error: 'validation_failed', details: [{ field: 'qty', message: 'must be a positive integer' }] });
  res.status(201).json({ id: 2, sku: b.sku, qty: b.qty, note: b.note || '' });
});
app.post('/api/comments', (req, res) => res.status(201).json({ ok: true }));
app.get('/api/search', searchLimiter, (req, res) => res.json({ q: req.query.q || '', results: [] }));
app.post('/api/login', loginLimiter, (req, res) => res.status(401).json({ error: 'invalid_credentials' }));
app.post('/api/exports', exportLimiter, (req, res) => res.status(202).json({ export_id: 'exp_1', status: 'queued' }));
app.get('/api/boom', (req, res) => { throw new Error('boom'); });
app.listen(Number(process.argv[2]), '127.0.0.1');
