// Round-54 corpus: the Parcelworks orders API (routes as in muffin_app.py)
// on connect 3, Node's plain middleware stack, with no router beyond
// URL matching. Unmatched URLs and the thrown error on /api/boom fall
// through to connect's final handler (finalhandler), which writes its
// own small HTML pages. Usage: node connect_app.js PORT
'use strict';
const http = require('http');
const connect = require('connect');

const port = Number(process.argv[2]);
const app = connect();
const ORDERS = { 1: { id: 1, ref: 'PW-1001', status: 'packed', items: 3 } };
const PAGES = {
  502: ['502 Bad Gateway', 'Bad Gateway', 'The payment provider answered with something we could not read. Your order has not been charged.'],
  503: ['503 Service Unavailable', 'Service Unavailable', 'Order tracking is paused while we move warehouses. Please try again in a few minutes.'],
  504: ['504 Gateway Timeout', 'Gateway Timeout', 'The carrier did not answer in time. Your parcel is not lost; try again shortly.'],
};

function send(res, status, body, type, headers) {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  for (const [k, v] of Object.entries(headers || {})) res.setHeader(k, v);
  res.end(body);
}
function json(res, status, obj, headers) { send(res, status, JSON.stringify(obj), 'application/json; charset=utf-8', headers); }
function err(res, status, code, message, headers) { json(res, status, { error: code, message }, headers); }
function page(res, status) {
  const [t, h, p] = PAGES[status];
  send(res, status, `<!doctype html>\n<html><head><title>${t}</title></head>\n<body>\n<h1>${h}</h1>\n<p>${p}</p>\n<hr><p>Parcelworks order desk</p>\n</body></html>\n`, 'text/html; charset=utf-8');
}

app.use('/api/orders', (req, res, next) => {
  const m = /^\/(\d+)$/.exec(req.url.split('?')[0]);
  if (m && req.method === 'GET') {
    const o = ORDERS[Number(m[1])];
    return o ? json(res, 200, o) : err(res, 404, 'order_not_found', `no order ${m[1]}`);
  }
  if (req.url.split('?')[0] === '/' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      let data = null;
      try { data = JSON.parse(body); } catch (e) { data = null; }
      if (!data || typeof data !== 'object' || !('ref' in data)) return err(res, 422, 'validation_failed', "field 'ref' is required");
      return err(res, 409, 'duplicate_ref', `an order with ref ${data.ref} already exists`);
    });
    return undefined;
  }
  return next();
});
app.use('/api/account', (req, res) => err(res, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="parcelworks"' }));
app.use('/api/admin', (req, res) => err(res, 403, 'forbidden', 'your role may not open the admin area'));
app.use('/api/quota', (req, res) => err(res, 429, 'rate_limited', '60 requests per minute per key', { 'Retry-After': '30' }));
app.use('/api/maintenance', (req, res) => err(res, 503, 'maintenance', 'orders are read-only during the migration', { 'Retry-After': '120' }));
app.use('/api/payments', (req, res) => page(res, 502));
app.use('/api/tracking', (req, res) => page(res, 503));
app.use('/api/carrier', (req, res) => page(res, 504));
app.use('/api/boom', (req, res, next) => next(new TypeError("Cannot read properties of undefined (reading 'total')")));
app.use('/api/slow', (req, res) => setTimeout(() => json(res, 200, { slow: true }), 5000));
app.use('/healthz', (req, res) => send(res, 200, 'ok', 'text/plain'));

http.createServer(app).listen(port, '127.0.0.1');
