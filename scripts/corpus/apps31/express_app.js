// Round-31 corpus: an Express 5 API in production (NODE_ENV=production)
// behind h2o. JSON for the errors the handlers know about; finalhandler's
// terse HTML for the rest ("Cannot GET", "Internal Server Error", the
// body-parser 400/413 pages).
//   node express_app.js PORT
const express = require('express');
const app = express();
const port = Number(process.argv[2]);
let hits = 0;

app.use(express.json({ limit: '1kb' }));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/tickets/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'ticket_not_found', id: req.params.id });
  res.json({ id: 1, subject: 'printer on fire' });
});
app.post('/api/tickets', (req, res) => {
  if (!req.body || !req.body.subject) return res.status(422).json({ error: 'validation_failed', fields: { subject: 'required' } });
  res.status(201).json({ id: 2 });
});
app.get('/api/admin/stats', (req, res) => {
  if (req.get('authorization') !== 'Bearer s3cret') {
    return res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
  }
  res.json({ open: 3 });
});
app.get('/api/search', (req, res) => {
  hits += 1;
  res.status(429).set('Retry-After', '30').json({ error: 'too_many_requests', message: 'slow down', hits });
});
app.get('/api/boom', (req, res) => { const t = undefined; res.json({ s: t.subject }); });
app.get('/api/maintenance', (req, res) => res.status(503).set('Retry-After', '120').json({ error: 'maintenance' }));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ status: 'late' }), 5000));

app.listen(port, '127.0.0.1');
