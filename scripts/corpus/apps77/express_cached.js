// Round 77: the Ledgerly invoices API (round 55's routes) on Express 4,
// behind Squid as a reverse accelerator. Errors are the handlers' own JSON
// ({"error": ..., "message": ...}); unrouted paths get Express's "Cannot
// GET" page, a thrown error and a malformed JSON body finalhandler's HTML
// pages (NODE_ENV=production). The HTML 502/503/504 pages are round 55's
// (../apps55/pages.js). Cacheable: /api/invoices/1 (public, max-age=60,
// ETag "inv-1-v3", Last-Modified), /api/rates (public, max-age=1) and the
// 404 for invoice 9 (public, max-age=120). Everything else says no-store.
// Express sends no Server header (only X-Powered-By: Express). No request id.
'use strict';
const path = require('path');
const express = require('express');
const { page, INVOICES } = require(path.join(__dirname, '..', 'apps55', 'pages.js'));

const app = express();
const port = Number(process.argv[2]);
const LM = 'Mon, 01 Dec 2026 08:00:00 GMT';
app.set('etag', false);
app.use(express.json());

const cached = (res, age, etag) => res.set({ 'Cache-Control': `public, max-age=${age}`, ETag: `"${etag}"`, 'Last-Modified': LM });
const fail = (res, status, code, message, headers = {}, age = 0) => {
  res.set('Cache-Control', age ? `public, max-age=${age}` : 'no-store').set(headers);
  return res.status(status).json({ error: code, message });
};

app.get('/api/invoices/:id', (req, res) => {
  const id = req.params.id;
  if (!/^\d+$/.test(id)) return fail(res, 400, 'invalid_id', `invoice id must be a number, got '${id}'`);
  if (INVOICES[id]) return cached(res, 60, 'inv-1-v3').json(INVOICES[id]);
  return fail(res, 404, 'invoice_not_found', `no invoice ${id}`, {}, id === '9' ? 120 : 0);
});
app.get('/api/rates', (req, res) => cached(res, 1, 'rates-2026-12').json({ base: 'EUR', usd: '1.0831', gbp: '0.8412' }));
app.post('/api/invoices', (req, res) => {
  const b = req.body;
  if (!b || typeof b !== 'object' || !('ref' in b)) return fail(res, 422, 'validation_failed', "field 'ref' is required");
  if (b.ref === 'LG-1001') return fail(res, 409, 'duplicate_ref', `an invoice with ref ${b.ref} already exists`);
  return res.set('Cache-Control', 'no-store').status(201).json({ id: 2, ref: b.ref, status: 'draft' });
});
app.get('/api/account', (req, res) => fail(res, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="ledgerly"' }));
app.get('/api/admin', (req, res) => fail(res, 403, 'forbidden', 'your role may not open the admin area'));
app.get('/api/quota', (req, res) => fail(res, 429, 'rate_limited', '100 requests per minute per key', { 'Retry-After': '30' }));
app.get('/api/maintenance', (req, res) => fail(res, 503, 'maintenance', 'invoices are read-only during the ledger migration', { 'Retry-After': '120' }));
for (const [p, s] of [['/api/payments', 502], ['/api/statements', 503], ['/api/bank', 504]]) {
  app.get(p, (req, res) => res.set('Cache-Control', 'no-store').status(s).type('html').send(page(s)));
}
app.get('/api/boom', () => { throw new Error('ledger total overflow'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ slow: true }), 5000));
app.get('/healthz', (req, res) => res.type('text').send('ok'));

app.listen(port, '127.0.0.1');
