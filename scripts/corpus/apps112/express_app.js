// Round 112: a small Express 4 API (Fernhill bookings) for Varnish: `node express_app.js PORT`.
// /api/bookings/1 public max-age=300 with ETag + Last-Modified; booking 9's
// JSON 404 public max-age=120 (a cacheable error); /api/rates public max-age=2;
// every other answer no-store. Errors are the team's JSON error middleware.
const express = require('express');
const app = express();
app.disable('x-powered-by');
const LM = 'Mon, 02 Jun 2025 08:00:00 GMT';
function fail(res, status, code, message, age) {
  res.set('Cache-Control', age ? `public, max-age=${age}` : 'no-store');
  res.status(status).json({ error: { status, code, message } });
}
app.get('/api/bookings/:id', (req, res) => {
  const id = req.params.id;
  if (!/^[0-9]+$/.test(id)) return fail(res, 400, 'BAD_REQUEST', 'booking id must be a number');
  if (id === '1') {
    res.set({ 'Cache-Control': 'public, max-age=300', 'ETag': '"fh-b1-v4"', 'Last-Modified': LM });
    return res.json({ id: 1, guest: 'A. Moreau', room: 'Larch 3', nights: 2 });
  }
  fail(res, 404, 'NOT_FOUND', `booking ${id} not found`, id === '9' ? 120 : 0);
});
app.get('/api/rates', (req, res) => {
  res.set({ 'Cache-Control': 'public, max-age=2', 'ETag': '"fh-rates-v7"', 'Last-Modified': LM });
  res.json({ currency: 'EUR', night: '118.00', as_of: '2025-06-02' });
});
app.get('/api/me', (req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="fernhill"');
  fail(res, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
});
app.get('/api/boom', (req, res, next) => next(new Error('ledger lookup failed')));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true, waited: 5 }), 5000));
app.get('/healthz', (req, res) => { res.set('Cache-Control', 'no-store'); res.json({ ok: true }); });
app.use((req, res) => fail(res, 404, 'NOT_FOUND', 'no route for ' + req.path));
app.use((err, req, res, next) => fail(res, 500, 'INTERNAL', err.message));
app.listen(Number(process.argv[2]), '127.0.0.1');
