// Round 38: the orders API on plain Node http, behind the http-proxy gateway.
// Its own JSON errors (404, 422, 429, 500, 503), an empty-bodied 500 from a
// crashed handler caught late, and a handler that sleeps 5 s.
'use strict';
const http = require('http');
const port = Number(process.argv[2] || 55013);

function json(res, status, obj, extra) {
  const body = JSON.stringify(obj);
  res.writeHead(status, Object.assign({'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body)}, extra || {}));
  res.end(body);
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  let m;
  if ((m = p.match(/^\/api\/orders\/(\d+)$/)) && req.method === 'GET') {
    if (m[1] === '1') return json(res, 200, {id: 1, sku: 'A-1', qty: 2});
    return json(res, 404, {error: {code: 'ORDER_NOT_FOUND', message: `order ${m[1]} does not exist`}});
  }
  if (p === '/api/orders' && req.method === 'POST') {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => {
      let body;
      try { body = JSON.parse(data); } catch (e) { return json(res, 400, {error: {code: 'BAD_JSON', message: 'body is not valid JSON'}}); }
      if (!Number.isInteger(body.qty) || body.qty < 1) return json(res, 422, {error: {code: 'VALIDATION', message: 'qty must be >= 1'}});
      return json(res, 201, {id: 42, qty: body.qty}, {Location: '/api/orders/42'});
    });
    return;
  }
  if (p === '/api/quota') return json(res, 429, {error: {code: 'RATE_LIMITED', message: 'quota exceeded'}}, {'Retry-After': '30'});
  if (p === '/api/maintenance') return json(res, 503, {error: {code: 'MAINTENANCE', message: 'back at 04:00 UTC'}}, {'Retry-After': '900'});
  if (p === '/api/boom') return json(res, 500, {error: {code: 'INTERNAL', message: 'unexpected error', traceId: 'c0ffee12'}});
  if (p === '/api/crash') { res.statusCode = 500; return res.end(); }  // caught late: nothing but a status
  if (p === '/api/slow') return setTimeout(() => json(res, 200, {ok: true}), 5000);
  return json(res, 404, {error: {code: 'NO_ROUTE', message: `no route for ${req.method} ${p}`}});
}).listen(port, '127.0.0.1');
