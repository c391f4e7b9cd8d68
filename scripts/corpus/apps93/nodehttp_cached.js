// Round-93 corpus: the Alder orders API on Node's own http module (no
// framework), behind Squid as a reverse accelerator. Everything it answers
// it writes itself: JSON {"error": {code, message}} for its own 4xx and for
// its 502/503/504 about its dependencies (DEP_DOWN refuses, DEP_SLOW never
// answers), a plain-text "Internal Server Error" from the try/catch around
// the handler (a throw would otherwise end the process), a JSON 404 for an
// unknown path and a 405 with Allow. Cacheable: order 1 (public,
// max-age=60, ETag "al-1001-v1", Last-Modified) and /api/rates (public,
// max-age=1); everything else says no-store. No request id, no Server header.
// Usage: DEP_DOWN=host:port DEP_SLOW=host:port node nodehttp_cached.js PORT
'use strict';
const http = require('http');
const net = require('net');
const port = Number(process.argv[2]);
const LM = 'Tue, 01 Dec 2026 08:00:00 GMT';

function send(res, status, obj, extra) {
  const body = JSON.stringify(obj);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' }, extra || {}));
  res.end(body);
}
const fail = (res, status, code, message, extra) => send(res, status, { error: { code, message } }, extra);

function dep(envname, ms) {
  const [host, p] = process.env[envname].split(':');
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(p), host);
    const t = setTimeout(() => { s.destroy(); reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })); }, ms);
    s.on('connect', () => s.write('GET /v1/status HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}

async function handle(req, res) {
  const url = req.url.split('?')[0];
  let m;
  if ((m = url.match(/^\/api\/orders\/([^/]+)$/))) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here`, { Allow: 'GET, HEAD' });
    if (!/^\d+$/.test(m[1])) return fail(res, 400, 'INVALID_ID', `order id must be a number, got '${m[1]}'`);
    if (m[1] !== '1') return fail(res, 404, 'ORDER_NOT_FOUND', `order ${m[1]} does not exist`);
    return send(res, 200, { id: 1, ref: 'AL-1001', status: 'packed', total: '64.20' },
      { 'Cache-Control': 'public, max-age=60', ETag: '"al-1001-v1"', 'Last-Modified': LM });
  }
  if (url === '/api/rates') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here`, { Allow: 'GET, HEAD' });
    return send(res, 200, { base: 'EUR', usd: '1.0838', gbp: '0.8407' }, { 'Cache-Control': 'public, max-age=1', ETag: '"rates-2026-12"' });
  }
  if (url === '/api/orders' && req.method === 'POST') {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let b;
    try { b = JSON.parse(Buffer.concat(chunks).toString()); } catch (e) { return fail(res, 400, 'BAD_JSON', 'the request body is not valid JSON'); }
    if (!b || !b.sku) return fail(res, 422, 'VALIDATION_FAILED', "field 'sku' is required");
    return send(res, 201, { id: 2, sku: b.sku });
  }
  if (url === '/api/account') return fail(res, 401, 'UNAUTHENTICATED', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="alder"' });
  if (url === '/api/payments') {
    try { await dep('DEP_DOWN', 1000); } catch (e) { return fail(res, 502, 'PAYMENT_PROVIDER_UNREACHABLE', `connecting to the payment provider failed: ${e.code}`); }
    return send(res, 200, { ok: true });
  }
  if (url === '/api/statements') {
    try { await dep('DEP_DOWN', 1000); } catch (e) { return fail(res, 503, 'LEDGER_UNAVAILABLE', 'the ledger database is unavailable; try again shortly', { 'Retry-After': '30' }); }
    return send(res, 200, { ok: true });
  }
  if (url === '/api/quotes') {
    try { await dep('DEP_SLOW', 1000); } catch (e) { return fail(res, 504, 'PRICING_TIMEOUT', 'the pricing service did not answer within 1000 ms'); }
    return send(res, 200, { ok: true });
  }
  if (url === '/api/boom') { const cfg = undefined; return send(res, 200, { ttl: cfg.ttl }); }
  if (url === '/api/slow') { await new Promise((r) => setTimeout(r, 5000)); return send(res, 200, { ok: true }); }
  if (url === '/healthz') { res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }); return res.end('ok\n'); }
  return fail(res, 404, 'NOT_FOUND', `no route for ${req.method} ${url}`);
}

http.createServer((req, res) => {
  handle(req, res).catch(() => {
    if (res.headersSent) return res.destroy();
    res.writeHead(500, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
    res.end('Internal Server Error');
  });
}).listen(port, '127.0.0.1');
