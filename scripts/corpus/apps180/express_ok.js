// Round 180: the Culver deliveries API on Express 4 (Node 20). The team's
// error middleware answers {ok:false, error:{code, message, request_id}}
// under /api/; its own dependency errors are the team's HTML pages: /api/payments
// 502 (the payment provider), /api/tracking 503 (the database, Retry-After);
// /api/search: JSON 504 in the envelope (the search cluster). /api/boom
// throws; /api/slow takes 6 s; unrouted paths get the envelope 404.
const express = require('express');
const port = Number(process.argv[2] || 62206);
const app = express();
app.disable('x-powered-by');
app.use(express.json());

class ApiError extends Error {
  constructor(status, code, message, headers) { super(message); this.status = status; this.code = code; this.headers = headers || {}; }
}
const page = (code, title, text) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${code} ${title} | Culver Deliveries</title></head>
<body><div class="culver-error"><h1>${title}</h1><p>${text}</p><p>Error ${code}</p></div></body></html>
`;
app.get('/api/deliveries/:id', (req, res, next) => {
  if (req.params.id !== '1') return next(new ApiError(404, 'DELIVERY_NOT_FOUND', `delivery ${req.params.id} not found`));
  res.json({ ok: true, data: { id: 1, status: 'out_for_delivery' } });
});
app.post('/api/deliveries', (req, res, next) => {
  if (!req.body || !req.body.address) return next(new ApiError(422, 'VALIDATION_FAILED', 'address is required'));
  res.status(201).json({ ok: true, data: { id: 2, address: req.body.address } });
});
app.get('/api/payments', (req, res) => res.status(502).type('html').send(page(502, 'Payment provider unavailable', 'We could not reach our payment provider. Your card has not been charged.')));
app.get('/api/tracking', (req, res) => res.status(503).set('Retry-After', '45').type('html').send(page(503, 'Tracking temporarily unavailable', 'Our tracking database is under maintenance. Please try again in a minute.')));
app.get('/api/search', (req, res, next) => next(new ApiError(504, 'SEARCH_TIMEOUT', 'the search cluster did not respond in time')));
app.get('/api/boom', () => { throw new TypeError("Cannot read properties of undefined (reading 'eta')"); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 6000));
app.use((req, res, next) => next(new ApiError(404, 'NOT_FOUND', `no route for ${req.method} ${req.path}`)));
// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  const status = err.status || err.statusCode || 500;
  const code = err.code && typeof err.code === 'string' && err instanceof ApiError ? err.code
    : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_ERROR';
  const message = status >= 500 && !(err instanceof ApiError) ? 'unexpected error' : err.message;
  res.status(status).set(err.headers || {}).json({ ok: false, error: { code, message, request_id: req.get('x-request-id') || null } });
});
app.listen(port, '127.0.0.1');
