// Round-60 corpus: the Tidemark loans API (round 56's routes) on pure-http,
// a small Express-like framework on Node's own http server.
//
//   GET  /api/loans/1 200 JSON     GET /api/loans/9 404 JSON
//   GET  /api/account 401 JSON     GET /api/admin 403 JSON
//   POST /api/loans   409 JSON (a duplicate ref), 422 JSON without "ref"
//   GET  /api/quota   429 JSON     GET /api/maintenance 503 JSON
//   GET  /api/payments, /api/search, /api/courier: the app's own HTML 502/503/504
//   GET  /api/boom    throws (pure-http's own 500: the error's stack as text)
//   GET  /api/slow    5 s, then 200      GET /healthz 200 text
// Anything else: pure-http's "Cannot GET ..." 404.
//
// usage: node loans_purehttp.js PORT   (binds 127.0.0.1 only)
'use strict';
const pureHttp = require('pure-http');

const PAGES = {
  502: ['502 Bad Gateway', 'Bad Gateway', 'The card processor sent back a reply we could not understand. Nothing was charged.'],
  503: ['503 Service Unavailable', 'Service Unavailable', 'Catalogue search is being reindexed. Please come back in a few minutes.'],
  504: ['504 Gateway Timeout', 'Gateway Timeout', 'The courier service took too long to answer. Your loan is still booked.'],
};
function page(status) {
  const [title, h1, text] = PAGES[status];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n` +
    `<body>\n<h1>${h1}</h1>\n<p>${text}</p>\n<footer>Tidemark lending desk</footer>\n</body></html>\n`;
}
function err(res, status, code, message, headers) {
  for (const [k, v] of Object.entries(headers || {})) res.header(k, v);
  return res.status(status).json({ error: code, message });
}
function readJson(req) {
  return new Promise((resolve) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => { try { resolve(JSON.parse(raw)); } catch (e) { resolve(null); } });
  });
}
const LOANS = { 1: { id: 1, ref: 'TM-2001', status: 'on_loan', items: 2 } };
const app = pureHttp();

app.get('/api/loans/:id', (req, res) => {
  const id = Number(req.params.id);
  if (LOANS[id]) return res.json(LOANS[id]);
  return err(res, 404, 'loan_not_found', `no loan ${req.params.id}`);
});
app.post('/api/loans', async (req, res) => {
  const data = await readJson(req);
  if (!data || typeof data !== 'object' || !('ref' in data)) return err(res, 422, 'validation_failed', "field 'ref' is required");
  return err(res, 409, 'duplicate_ref', `a loan with ref ${data.ref} already exists`);
});
app.get('/api/account', (req, res) => err(res, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="tidemark"' }));
app.get('/api/admin', (req, res) => err(res, 403, 'forbidden', 'your role may not open the admin area'));
app.get('/api/quota', (req, res) => err(res, 429, 'rate_limited', '120 requests per minute per key', { 'Retry-After': '30' }));
app.get('/api/maintenance', (req, res) => err(res, 503, 'maintenance', 'loans are read-only during the migration', { 'Retry-After': '120' }));
for (const [path, status] of [['/api/payments', 502], ['/api/search', 503], ['/api/courier', 504]]) {
  app.get(path, (req, res) => { res.header('Content-Type', 'text/html; charset=utf-8'); return res.status(status).send(page(status)); });
}
app.get('/api/boom', () => { throw new Error('courier table is empty'); });
app.get('/api/slow', (req, res) => { setTimeout(() => res.json({ slow: true }), 5000); });
app.get('/healthz', (req, res) => res.send('ok\n'));

app.listen(Number(process.argv[2]), '127.0.0.1');
