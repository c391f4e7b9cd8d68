// Round-47 corpus: a hand-rolled gateway on node's http module and the
// `http-proxy` package, with a custom error handler, in front of a
// json-server mock of the catalog service (as teams stand one up before the
// real service exists). What it writes itself is JSON:
//   /api/v1/<resource>...   X-API-Key required (401 without, 403 unknown);
//                           forwarded to json-server as /<resource>...
//   /api/v1/reviews...      forwarded to a reviews service that is not running
//   /api/v1/recommendations forwarded to a second json-server started with
//                           --delay 5000 (as /products)
//   proxyTimeout 2000 ms;   the error handler maps ECONNREFUSED to 502 and a
//                           timeout (ECONNRESET after the abort) to 504
//   anything else           the gateway's JSON 404
// node httpproxy_gateway.js PORT UPSTREAM DEAD_UPSTREAM SLOW_UPSTREAM
'use strict';
const http = require('http');
const httpProxy = require('http-proxy');

const [port, upstream, deadUpstream, slowUpstream] = [Number(process.argv[2]), process.argv[3], process.argv[4], process.argv[5]];
const KEYS = new Set(['cat-9e1b77', 'cat-02d4c1']);
const proxy = httpProxy.createProxyServer({ changeOrigin: true, proxyTimeout: 2000 });

function send(res, status, body, headers) {
  const payload = JSON.stringify(body);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }, headers || {}));
  res.end(payload);
}

proxy.on('error', (err, req, res) => {
  if (res.headersSent) return res.destroy();
  const status = err.code === 'ECONNREFUSED' ? 502 : 504;
  send(res, status, {
    status, error: status === 502 ? 'Bad Gateway' : 'Gateway Timeout',
    message: status === 502 ? 'upstream refused the connection' : 'upstream did not respond in 2000ms',
    code: err.code, requestId: req.headers['x-request-id'] || null,
  });
});

http.createServer((req, res) => {
  const m = req.url.match(/^\/api\/v1(\/.*)$/);
  if (!m) return send(res, 404, { status: 404, error: 'Not Found', message: `no route for ${req.method} ${req.url.split('?')[0]}` });
  const key = req.headers['x-api-key'];
  if (!key) return send(res, 401, { status: 401, error: 'Unauthorized', message: 'missing X-API-Key' }, { 'WWW-Authenticate': 'ApiKey' });
  if (!KEYS.has(key)) return send(res, 403, { status: 403, error: 'Forbidden', message: 'API key not allowed' });
  req.url = m[1];
  let target = upstream;
  if (req.url.startsWith('/reviews')) target = deadUpstream;
  if (req.url.startsWith('/recommendations')) {
    target = slowUpstream;
    req.url = req.url.replace('/recommendations', '/products');
  }
  proxy.web(req, res, { target });
}).listen(port, '127.0.0.1');
