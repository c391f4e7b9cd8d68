// round 120: a gateway on Node's http module + http-proxy 1.18 in front of
// FastAPI on uvicorn (62016), as its README shows: proxyTimeout 2 s, a JSON 502/504
// of its own on proxy errors, /api/ledger/ to 62499 (nothing listens), an
// X-Request-Id it adds, 404 JSON for paths it does not route.
const http = require('http');
const crypto = require('crypto');
const httpProxy = require('http-proxy');
const proxy = httpProxy.createProxyServer({ xfwd: true, proxyTimeout: 2000 });
proxy.on('proxyRes', (pres, req, res) => { res.setHeader('X-Request-Id', req.rid); });
proxy.on('error', (err, req, res) => {
  if (res.headersSent) return res.end();
  const timeout = err.code === 'ECONNRESET' && req.timedOut;
  const status = timeout ? 504 : 502;
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': req.rid });
  res.end(JSON.stringify({ error: { status, code: timeout ? 'GATEWAY_TIMEOUT' : 'BAD_GATEWAY', message: timeout ? 'upstream timed out' : 'upstream unavailable', request_id: req.rid } }));
});
http.createServer((req, res) => {
  req.rid = crypto.randomUUID();
  req.headers['x-request-id'] = req.rid;
  req.on('close', () => {});
  if (req.url.startsWith('/api/ledger/')) return proxy.web(req, res, { target: 'http://127.0.0.1:62499' });
  if (req.url.startsWith('/api/') || req.url === '/healthz') {
    const t = setTimeout(() => { req.timedOut = true; }, 1990);
    res.on('finish', () => clearTimeout(t));
    return proxy.web(req, res, { target: 'http://127.0.0.1:62016' });
  }
  res.writeHead(404, { 'Content-Type': 'application/json', 'X-Request-Id': req.rid });
  res.end(JSON.stringify({ error: { status: 404, code: 'NO_ROUTE', message: 'no route for ' + req.url } }));
}).listen(62506, '127.0.0.1');
