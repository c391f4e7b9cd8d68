// Round 85: the Plover items API (Express 4, NODE_ENV=production), behind Caddy.
// The edges in Express's own formats: body-parser's 400 for bad JSON through
// finalhandler's HTML page, "Cannot GET" for an unknown route, finalhandler's
// HTML 500; the app's JSON 401 (with and without WWW-Authenticate), 403, 404
// for an unknown id, 405 (Express has none of its own), 406 (res.format),
// 409, 410, 415, 422, an in-app 429, a maintenance 503 (a flag file),
// res.redirect 301/302/307/308, 201/202/204, and a 5 s slow route.
'use strict';
const fs = require('fs');
const path = require('path');
const express = require('express');
const app = express();
app.disable('x-powered-by');
const FLAG_DIR = process.env.FLAG_DIR || '/nonexistent';
const HITS = new Map();
const ITEM = { id: 1, name: 'spinnaker pole', stock: 3 };
const err = (res, status, code, message, headers = {}) => res.status(status).set(headers).json({ error: { code, message } });

app.use(express.json({ type: () => true, strict: true }));  // every body is parsed as JSON (bad JSON: body-parser's 400)

app.route('/api/items/:id(\\d+)')
  .get((req, res) => {
    const id = Number(req.params.id);
    res.format({
      'application/json': () => {
        if (id === 7) return err(res, 410, 'gone', 'item 7 was retired on 2026-01-31');
        if (id !== 1) return err(res, 404, 'not_found', `item ${id} does not exist`);
        res.set('Cache-Control', 'public, max-age=60').json(ITEM);
      },
      default: () => err(res, 406, 'not_acceptable', 'only application/json is served here'),
    });
  })
  .delete((req, res) => res.status(204).end())
  .all((req, res) => err(res, 405, 'method_not_allowed', `${req.method} is not allowed here`, { Allow: 'GET, DELETE' }));

app.post('/api/items', (req, res) => {
  if (!req.is('application/json')) return err(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
  const body = req.body || {};
  const missing = ['name', 'stock'].filter((f) => !(f in body));
  if (missing.length) return res.status(422).json({ error: { code: 'validation_failed', fields: missing.map((f) => ({ field: f, message: 'is required' })) } });
  if (body.name === ITEM.name) return err(res, 409, 'conflict', `an item named '${ITEM.name}' already exists (id 1)`);
  res.status(201).location('/api/items/2').json({ id: 2, ...body });
});

app.post('/api/reports', (req, res) => res.status(202).location('/api/reports/jobs/rep-19').json({ job: 'rep-19', state: 'queued' }));

app.get('/api/me', (req, res) => {
  const auth = req.get('authorization') || '';
  if (!auth.startsWith('Bearer ')) return err(res, 401, 'unauthorized', 'bearer token required', { 'WWW-Authenticate': 'Bearer realm="plover"' });
  if (auth !== 'Bearer user-token') return err(res, 401, 'invalid_token', 'token expired', { 'WWW-Authenticate': 'Bearer realm="plover", error="invalid_token"' });
  res.json({ user: 'dana', role: 'user' });
});
app.get('/api/keys', (req, res) => (req.get('x-api-key') ? res.json({ keys: [] }) : err(res, 401, 'unauthorized', 'missing X-API-Key header')));
app.get('/api/admin/audit', (req, res) => {
  const auth = req.get('authorization') || '';
  if (auth === 'Bearer user-token') return err(res, 403, 'forbidden', "role 'user' may not read the audit log");
  if (!auth) return err(res, 401, 'unauthorized', 'bearer token required', { 'WWW-Authenticate': 'Bearer realm="plover"' });
  res.json({ entries: [] });
});
app.get('/api/search', (req, res) => {
  const who = req.get('x-forwarded-for') || req.socket.remoteAddress;
  const key = who;  // a fixed window from the start of the process
  const n = (HITS.get(key) || 0) + 1; HITS.set(key, n);
  if (n > 2) return err(res, 429, 'rate_limited', '2 searches a minute', { 'Retry-After': String(60 - Math.floor(Date.now() / 1000) % 60) });
  res.json({ q: req.query.q || '', results: [] });
});
app.get('/api/billing/*', (req, res) => {
  if (fs.existsSync(path.join(FLAG_DIR, 'maintenance'))) return err(res, 503, 'maintenance', 'billing is in maintenance until 21:30 UTC', { 'Retry-After': '900' });
  res.json({ invoices: [] });
});
app.get('/api/v1/items/:id', (req, res) => res.redirect(301, `/api/items/${req.params.id}`));
app.get('/api/latest', (req, res) => res.redirect(302, '/api/items/1'));
app.post('/api/items/:id/archive', (req, res) => res.redirect(307, `/api/archive/items/${req.params.id}`));
app.post('/api/v1/items', (req, res) => res.redirect(308, '/api/items'));
app.get('/api/boom', () => { throw new Error('ledger cursor lost'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ slow: true }), 5000));

app.listen(Number(process.argv[2] || 64013), '127.0.0.1');
