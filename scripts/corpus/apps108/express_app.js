// Round 108 (round 71's app, one redirect route added): an Express 4 orders API (Corvid).
// The app adds its own request id: a middleware puts X-Request-Id (the
// caller's, or a fresh UUID) on every answer, its JSON errors carry it too.
// Unrouted paths get Express's "Cannot GET" page, a thrown error its
// finalhandler "Internal Server Error" page (NODE_ENV=production).
'use strict';
const crypto = require('crypto');
const express = require('express');

const app = express();
const port = Number(process.argv[2] || 60817);
const ORDERS = { 1: { id: 1, ref: 'CV-1001', total: '12.00', currency: 'EUR', status: 'paid' } };

app.use((req, res, next) => {
  req.id = req.get('X-Request-Id') || crypto.randomUUID();
  res.set('X-Request-Id', req.id);
  next();
});
app.use(express.json());

const fail = (req, res, status, code, message) =>
  res.status(status).json({ error: { code, message }, requestId: req.id });

app.get('/api/orders/:id', (req, res) => {
  if (!/^\d+$/.test(req.params.id)) return fail(req, res, 400, 'BAD_REQUEST', 'order id must be a number');
  const o = ORDERS[req.params.id];
  if (!o) return fail(req, res, 404, 'NOT_FOUND', `order ${req.params.id} not found`);
  res.json(o);
});
app.post('/api/orders', (req, res) => {
  const ref = req.body && req.body.ref;
  if (!ref) return fail(req, res, 422, 'VALIDATION_ERROR', '"ref" is required');
  if (ref === 'CV-1001') return fail(req, res, 409, 'CONFLICT', `order ${ref} already exists`);
  res.status(201).json({ id: 2, ref, status: 'pending' });
});
app.get('/api/account', (req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="corvid"');
  fail(req, res, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
});
app.get('/api/admin', (req, res) => fail(req, res, 403, 'FORBIDDEN', 'admin scope required'));
app.get('/api/quota', (req, res) => {
  res.set('Retry-After', '30');
  fail(req, res, 429, 'TOO_MANY_REQUESTS', 'rate limit exceeded, retry in 30 seconds');
});
app.get('/api/maintenance', (req, res) => {
  res.set('Retry-After', '600');
  fail(req, res, 503, 'MAINTENANCE', 'orders are read-only during the nightly export');
});
app.get('/api/latest', (req, res) => res.redirect('/api/orders/1'));  // round 108
app.get('/api/boom', () => { throw new Error('ledger total mismatch'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true, waited: 5 }), 5000));
const page = (code, reason, text, id) => `<!DOCTYPE html>
<html><head><title>${code} ${reason} · Corvid</title></head>
<body><h1>${reason}</h1><p>${text}</p><p>Request ID: ${id}</p></body></html>
`;
app.get('/api/payments', (req, res) => res.status(502).type('html').send(page(502, 'Bad Gateway', 'The payment provider did not answer.', req.id)));
app.get('/api/statements', (req, res) => res.status(503).type('html').send(page(503, 'Service Unavailable', 'Statements are being rebuilt.', req.id)));

app.listen(port, '127.0.0.1', () => console.log(`express on ${port}`));
