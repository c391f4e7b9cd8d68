// Round 38: a small API gateway on node-http-proxy (http-proxy 1.18.1), the
// way teams write one: it tags every request with X-Request-Id, adds a Via
// header, checks an API key on /api/admin/, refuses bodies over 1 KiB, and
// answers JSON errors of its own when the upstream is down (502) or slower
// than proxyTimeout (504). Anything outside its routes is its own 404.
'use strict';
const http = require('http');
const crypto = require('crypto');
const httpProxy = require(process.env.NODE_DIR + '/node_modules/http-proxy');

const port = Number(process.argv[2] || 55150);
const routes = [
  ['/api/', 'http://127.0.0.1:55013'],
  ['/billing/', 'http://127.0.0.1:55096'],  // nothing listens there
];
const proxy = httpProxy.createProxyServer({proxyTimeout: 2000, xfwd: true});

function gwError(res, status, code, message, rid) {
  const body = JSON.stringify({error: code, message, requestId: rid});
  if (res.headersSent) return res.destroy();
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': rid, 'Via': '1.1 edge-gateway'});
  res.end(body);
}

proxy.on('proxyRes', (proxyRes, req) => {
  proxyRes.headers['x-request-id'] = req.rid;
  proxyRes.headers['via'] = '1.1 edge-gateway';
});
proxy.on('proxyReq', (proxyReq, req) => { proxyReq.setHeader('X-Request-Id', req.rid); });
proxy.on('error', (err, req, res) => {
  if (err.code === 'ECONNREFUSED') return gwError(res, 502, 'upstream_unavailable', 'upstream refused the connection', req.rid);
  if (err.code === 'ECONNRESET' || err.code === 'ETIMEDOUT') return gwError(res, 504, 'upstream_timeout', 'upstream did not answer within 2000 ms', req.rid);
  return gwError(res, 502, 'bad_gateway', err.code || 'proxy error', req.rid);
});

http.createServer((req, res) => {
  req.rid = req.headers['x-request-id'] || crypto.randomUUID();
  if (req.url.startsWith('/api/admin/') && req.headers['x-api-key'] !== 'k-7f3a') {
    return gwError(res, 401, 'unauthorized', 'missing or invalid X-Api-Key', req.rid);
  }
  if (Number(req.headers['content-length'] || 0) > 1024) {
    return gwError(res, 413, 'payload_too_large', 'request body over 1024 bytes', req.rid);
  }
  const route = routes.find(([prefix]) => req.url.startsWith(prefix));
  if (!route) return gwError(res, 404, 'no_route', `no route for ${req.url}`, req.rid);
  proxy.web(req, res, {target: route[1]});
}).listen(port, '127.0.0.1');
