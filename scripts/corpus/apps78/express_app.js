// Round 78 (copied from round 76, from round 73): an Express 4 orders API (Osprey) behind Caddy.
// The app adds its own request id: a middleware puts X-Request-Id (the
// caller's, or a fresh UUID) on every answer, its JSON errors carry it too.
// Unrouted paths get Express's "Cannot GET" page, a thrown error its
// finalhandler "Internal Server Error" page (NODE_ENV=production), and so
// does a JSON body over express.json's limit (64kb here): body-parser's 413
// "Payload Too Large" page. Round 76 (copied from round 73) adds the paths Caddy guards by its own
// rules (/api/internal/, /ops/, /api/billing/, /api/ledger/, /api/imports/),
// each a plain answer when a request gets through.
// Round 78 runs it as a pool of replicas behind one front. Each process
// reads REPLICA (its name) and FLAG_DIR (a folder the capture script writes
// flags into): with FLAG_DIR/slow every request but /healthz waits 5 s first;
// with FLAG_DIR/draining every /api/ request gets the app's JSON 503 with
// Retry-After (the instance is shutting down; its /healthz still answers 200,
// the readiness check is not wired to the drain). /healthz answers 200 with
// the replica's name (Cache-Control: no-store).
// Express adds X-Served-By: REPLICA to every answer.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const express = require('express');

const app = express();
const port = Number(process.argv[2] || 61317);
const ORDERS = { 1: { id: 1, ref: 'OS-1001', total: '12.00', currency: 'EUR', status: 'paid' } };

app.use((req, res, next) => {
  req.id = req.get('X-Request-Id') || crypto.randomUUID();
  res.set('X-Request-Id', req.id);
  next();
});
// round 78: one replica of a pool
const REPLICA = process.env.REPLICA || 'osprey-api-1';
const FLAG_DIR = process.env.FLAG_DIR || '';
const flag = (name) => FLAG_DIR !== '' && fs.existsSync(path.join(FLAG_DIR, name));
app.use((req, res, next) => {
  res.set('X-Served-By', REPLICA);
  if (req.path === '/healthz') return next();
  const go = () => {
    if (flag('draining') && req.path.startsWith('/api/')) {
      res.set('Retry-After', '30');
      return res.status(503).json({ error: { code: 'DRAINING', message: 'this instance is shutting down, retry the request' }, requestId: req.id });
    }
    next();
  };
  if (flag('slow')) setTimeout(go, 5000); else go();
});
app.get('/healthz', (req, res) => res.set('Cache-Control', 'no-store').json({ status: 'ok', replica: REPLICA }));
app.post('/api/imports/:name', express.raw({ type: () => true, limit: '10mb' }), (req, res) =>
  res.status(201).json({ imported: req.params.name, bytes: req.body.length }));
app.use(express.json({ limit: '64kb' }));

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
  if (ref === 'OS-1001') return fail(req, res, 409, 'CONFLICT', `order ${ref} already exists`);
  res.status(201).json({ id: 2, ref, status: 'pending' });
});
app.get('/api/account', (req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="osprey"');
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
app.get('/api/boom', () => { throw new Error('ledger total mismatch'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true, waited: 5 }), 5000));
const page = (code, reason, text, id) => `<!DOCTYPE html>
<html><head><title>${code} ${reason} · Osprey</title></head>
<body><h1>${reason}</h1><p>${text}</p><p>Request ID: ${id}</p></body></html>
`;
app.get('/api/payments', (req, res) => res.status(502).type('html').send(page(502, 'Bad Gateway', 'The payment provider did not answer.', req.id)));
app.get('/api/statements', (req, res) => res.status(503).type('html').send(page(503, 'Service Unavailable', 'Statements are being rebuilt.', req.id)));

app.post('/api/uploads', (req, res) => res.status(201).json({ stored: JSON.stringify(req.body).length }));
const plain = (req, res) => res.json({ item: req.params.name, ok: true });
app.get('/api/internal/:name', plain);
app.get('/ops/:name', plain);
app.get('/api/billing/:name', plain);
app.get('/api/ledger/:name', plain);

app.listen(port, '127.0.0.1', () => console.log(`express on ${port}`));
