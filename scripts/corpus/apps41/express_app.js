// Round 41: a small files API in Express 5, production mode, with the rarer
// errors teams write themselves and express.static's own 412/416.
const path = require('path');
const express = require('express');
const app = express();
const port = Number(process.argv[2] || 56502);
const dir = process.argv[3];
const fail = (res, status, code, message, extra) =>
  res.status(status).json({ error: { code, message, ...(extra || {}) } });

app.use('/files', express.static(dir, { etag: true, lastModified: true }));
app.get('/api/files/:id', (req, res) => {
  if (req.params.id === '13') return fail(res, 410, 'gone', 'file 13 was purged');
  if (req.params.id === '451') return fail(res, 451, 'legal_hold', 'unavailable for legal reasons');
  res.set('ETag', '"f-3"').json({ id: req.params.id, name: 'invoice.pdf' });
});
app.delete('/api/files/:id', (req, res) => {
  if (req.params.id === '9') return fail(res, 423, 'locked', 'file 9 is under retention lock');
  if (!req.get('If-Match')) return fail(res, 428, 'precondition_required', 'If-Match is required');
  if (req.get('If-Match') !== '"f-3"') return fail(res, 412, 'precondition_failed', 'ETag mismatch');
  res.status(204).end();
});
app.post('/api/files', express.json({ limit: '1kb' }), (req, res) => {
  if (!req.is('application/json')) return fail(res, 415, 'unsupported_media_type', 'send JSON');
  if (req.body.name === 'invoice.pdf') return fail(res, 409, 'conflict', 'a file with that name exists');
  if (!req.body.name) return fail(res, 422, 'validation_failed', 'name is required');
  if (req.body.bytes > 1e9) return fail(res, 507, 'insufficient_storage', 'bucket quota exceeded');
  res.status(201).json({ id: 77 });
});
app.all('/api/files', (req, res) => res.set('Allow', 'POST').status(405).json({ error: { code: 'method_not_allowed', message: `${req.method} is not allowed here` } }));
app.post('/api/files/:id/convert', (req, res) => fail(res, 501, 'not_implemented', 'conversion is not implemented yet'));
app.get('/api/catalog', (req, res) => res.set('Cache-Control', 'public, max-age=300').json({ items: ['a', 'b'] }));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 5000));
app.listen(port, '127.0.0.1');
