// Round 146: the Larchmere orders API on Express 4 (Node 20) behind nginx.
// The team's error middleware answers /api/ errors as
// {"error": {"code", "message", "request_id"}} (the front's X-Request-ID
// echoed) and every other path with the team's HTML error page. The app also
// answers its own 502 (the card processor refused: JSON), 503 (maintenance:
// JSON with Retry-After), 504 (the report warehouse timed out: HTML page),
// 429 (JSON, Retry-After). /api/boom throws; /api/slow takes 6 s.
const express = require('express');
const port = Number(process.argv[2] || 60201);
const app = express();
app.disable('x-powered-by');
const rid = (req) => req.get('x-request-id') || '-';
class HttpError extends Error { constructor(status, code, message, headers) { super(message); this.status = status; this.code = code; this.headers = headers || {}; } }
app.use(express.json());
app.get('/api/orders/:id', (req, res, next) => {
  if (req.params.id === '1') return res.json({ id: 1, item: 'larch bench', qty: 2, status: 'shipped' });
  next(new HttpError(404, 'order_not_found', `order ${req.params.id} does not exist`));
});
app.post('/api/orders', (req, res, next) => {
  if (!req.body || typeof req.body.qty !== 'number') return next(new HttpError(422, 'validation_failed', 'qty must be a number'));
  res.status(201).json({ id: 2, qty: req.body.qty });
});
app.get('/api/search', (req, res, next) => next(new HttpError(429, 'rate_limited', 'too many searches, slow down', { 'Retry-After': '20' })));
app.get('/api/payments', (req, res, next) => next(new HttpError(502, 'upstream_refused', 'the card processor refused the connection')));
app.get('/api/maintenance', (req, res, next) => next(new HttpError(503, 'maintenance', 'orders are read-only during maintenance', { 'Retry-After': '600' })));
app.get('/api/reports', (req, res) => {
  res.status(504).type('html').send(page(504, 'Gateway Timeout', 'The report warehouse did not answer in time.', rid(req)));
});
app.get('/api/boom', () => { throw new Error('boom: cannot read property total of undefined'); });
app.get('/api/slow', (req, res) => setTimeout(() => res.json({ slow: true }), 6000));
app.get('/', (req, res) => res.type('html').send('<h1>Larchmere</h1>'));
app.use((req, res, next) => next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`)));
function page(status, title, text, id) {
  return `<!doctype html>\n<html><head><title>${status} ${title} · Larchmere</title></head>\n<body><h1>${title}</h1><p>${text}</p><p class="rid">Reference: ${id}</p></body></html>\n`;
}
// the team's error middleware
app.use((err, req, res, next) => {
  const status = err.status || err.statusCode || 500;
  const code = err.code && typeof err.code === 'string' ? err.code : (err.type === 'entity.parse.failed' ? 'bad_json' : 'internal_error');
  const message = status >= 500 && !(err instanceof HttpError) ? 'something went wrong on our side' : err.message;
  if (status >= 500) console.error(err.stack);
  res.set(err.headers || {});
  if (req.path.startsWith('/api/')) {
    res.status(status).json({ error: { code, message, request_id: rid(req) } });
  } else {
    res.status(status).type('html').send(page(status, status === 404 ? 'Page not found' : 'Something went wrong', message, rid(req)));
  }
});
app.listen(port, '127.0.0.1');
