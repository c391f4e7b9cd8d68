// Round 183: round 101's Berth tickets API (apps101/express_app.js) with three
// routes added: DELETE /api/tickets/:id -> an empty 204; /api/maintenance ->
// the app's JSON 503 with Retry-After (read-only window); PUT /api/tickets/:id
// -> a JSON 405 with Allow set by the app. BRAND names the service.
// Round-101 corpus: the Berth tickets API on Express 4.22. express.json with
// an 8 KB limit; an error middleware answering JSON {error, message} for
// errors with a status (body-parser's 400/413, the auth middleware's 401/403,
// 409) and {error: "internal_error"} for a thrown Error (500); an
// express-validator-shaped 422 ({errors: [...]}); an express-rate-limit-
// shaped 429 (text, RateLimit headers); Express's own "Cannot GET" 404 for no
// route; /readyz 503; a 301. Ticket 1 and /api/rates are cacheable.
const express = require('express');
const port = Number(process.argv[2]);
const app = express();
app.use(express.json({ limit: '8kb' }));
const BRAND = process.env.BRAND || 'Berth';
const TICKET = { id: 1, title: `${BRAND}: printer on floor 3 is on fire`, priority: 'high', status: 'open' };
const httpErr = (status, message) => Object.assign(new Error(message), { status, expose: true });
const auth = (admin) => (req, res, next) => {
  const a = req.get('Authorization') || '';
  if (!a.startsWith('Bearer ')) { res.set('WWW-Authenticate', 'Bearer realm="berth"'); return next(httpErr(401, 'missing bearer token')); }
  if (!['Bearer user-token', 'Bearer admin-token'].includes(a)) return next(httpErr(401, 'invalid token'));
  if (admin && a !== 'Bearer admin-token') return next(httpErr(403, 'admin role required'));
  next();
};
app.get('/api/tickets/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `ticket ${req.params.id} not found` });
  res.set({ 'Cache-Control': 'public, max-age=60', 'Last-Modified': 'Tue, 01 Dec 2026 08:00:00 GMT' }).json(TICKET);
});
app.get('/api/rates', (req, res) => res.set('Cache-Control', 'public, max-age=60').json({ currency: 'EUR', hourly: 85 }));
app.post('/api/tickets', (req, res, next) => {
  const b = req.body || {}, errors = [];
  if (typeof b.title !== 'string' || b.title.length < 3) errors.push({ type: 'field', value: b.title, msg: 'title must be at least 3 characters', path: 'title', location: 'body' });
  if (b.priority !== undefined && !['low', 'high'].includes(b.priority)) errors.push({ type: 'field', value: b.priority, msg: 'Invalid value', path: 'priority', location: 'body' });
  if (errors.length) return res.status(422).json({ errors });
  if (b.title === TICKET.title) return next(httpErr(409, 'a ticket with this title is already open'));
  res.status(201).location('/api/tickets/2').json({ id: 2, ...b, status: 'open' });
});
app.get('/api/me', auth(false), (req, res) => res.json({ user: 'dana', role: 'user' }));
app.get('/api/admin/stats', auth(true), (req, res) => res.json({ open: 12, closed: 340 }));
let hits = [];
app.get('/api/search', (req, res) => {
  const now = Date.now(); hits = hits.filter((t) => now - t < 60000); hits.push(now);
  res.set({ 'RateLimit-Policy': '2;w=60', 'RateLimit-Limit': '2', 'RateLimit-Remaining': String(Math.max(0, 2 - hits.length)), 'RateLimit-Reset': '60' });
  if (hits.length > 2) return res.status(429).set('Retry-After', '60').send('Too many requests, please try again later.');
  res.set('Cache-Control', 'no-store').json({ results: [TICKET] });
});
app.get('/api/boom', () => { throw new Error("Cannot read properties of undefined (reading 'assignee')"); });
app.get('/api/v1/tickets/:id', (req, res) => res.redirect(301, `/api/tickets/${req.params.id}`));
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ slow: true }), 5000));
app.get('/api/reset', (req) => req.socket.destroy());
app.delete('/api/tickets/:id', (req, res) => res.status(204).end());
app.get('/api/maintenance', (req, res) => res.status(503).set('Retry-After', '900').json({ error: 'maintenance', message: 'tickets are read-only during the storage migration' }));
app.put('/api/tickets/:id', (req, res) => res.status(405).set('Allow', 'GET, DELETE').json({ error: 'method_not_allowed', message: 'tickets cannot be replaced; use PATCH' }));
app.get('/healthz', (req, res) => res.set('Cache-Control', 'no-store').json({ status: 'ok' }));
app.get('/readyz', (req, res) => res.status(503).set('Cache-Control', 'no-store').json({ status: 'not_ready', checks: { database: 'down' } }));
app.use((err, req, res, next) => {
  const status = err.status || 500;
  if (status >= 500) return res.status(500).json({ error: 'internal_error', message: 'something went wrong' });
  res.status(status).json({ error: err.type || 'request_error', message: err.message });
});
app.listen(port, '127.0.0.1');
