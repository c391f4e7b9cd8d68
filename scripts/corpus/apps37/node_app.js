// Round 37: a small orders API on Node's own http module (no framework),
// behind Caddy and behind nghttpx. Its own errors (JSON 404, a 503 during
// maintenance, a 502 and a 504 when its own downstream fails) and the ways it
// misbehaves for its front: a 5 s handler, an export that stalls mid-body,
// a connection reset, a close right after the headers, a 20 KiB header.
// Usage: node node_app.js PORT
'use strict';
const http = require('http');
const port = Number(process.argv[2]);

function json(res, status, obj, extra) {
  const body = JSON.stringify(obj);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body) }, extra || {}));
  res.end(body);
}

const server = http.createServer((req, res) => {
  const url = req.url.split('?')[0];
  let m;
  if ((m = url.match(/^\/api\/orders\/(\d+)$/))) {
    if (m[1] === '1') return json(res, 200, { id: 1, sku: 'A-1', qty: 2 });
    return json(res, 404, { error: { code: 'ORDER_NOT_FOUND', message: `order ${m[1]} does not exist` } });
  }
  if (url === '/api/maintenance') {
    return json(res, 503, { error: { code: 'MAINTENANCE', message: 'checkout is paused for a database failover' } },
      { 'Retry-After': '120' });
  }
  if (url === '/api/payments') {
    return setTimeout(() => json(res, 502, { error: { code: 'UPSTREAM_PAYMENT_ERROR',
      message: 'the card processor returned an invalid response' } }), 150);
  }
  if (url === '/api/inventory') {
    return setTimeout(() => json(res, 504, { error: { code: 'INVENTORY_TIMEOUT',
      message: 'inventory did not answer within 1000 ms' } }), 1000);
  }
  if (url === '/api/slow') return setTimeout(() => json(res, 200, { ok: true }), 5000);
  if (url === '/api/export') {
    res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': 4000 });
    res.write('id,sku,qty\n');
    for (let i = 1; i < 30; i++) res.write(`${i},A-${i},${(i % 5) + 1}\n`);
    return setTimeout(() => res.socket && res.socket.destroy(), 8000);
  }
  if (url === '/api/reset') return req.socket.resetAndDestroy();
  if (url === '/api/hangup') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 512 });
    res.flushHeaders();
    return setTimeout(() => req.socket.destroy(), 50);
  }
  if (url === '/api/session') {
    return json(res, 200, { ok: true }, { 'X-Session-Trace': 's'.repeat(20480) });
  }
  return json(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${url}` } });
});
server.maxHeaderSize = 16384;
server.listen(port, '127.0.0.1');
