// Round-9 corpus apps (capture-round9.sh): the orders API on itty-router
// (its AutoRouter, served by a few lines of fetch-to-node glue), the same API
// on 0http, and a gateway on node:http + http2-proxy with HTTP Basic auth on
// some prefixes and its own errors.
//
//   node apps9.js itty PORT
//   node apps9.js 0http PORT
//   node apps9.js h2proxy PORT /prefix=http://127.0.0.1:PORT[,basic] ...
//
// Everything binds 127.0.0.1.
'use strict';
const http = require('node:http');

const NGINX_503 = '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
  '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const HTML_504 = '<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head>\n<body><h1>Gateway Timeout</h1>\n' +
  '<p>The upstream server did not respond in time.</p></body></html>\n';
const DOWN = { error: 'service_unavailable', message: 'orders database is in maintenance' };
const LIMITED = { error: 'rate_limited', message: 'slow down' };
const [mode, portArg, ...rest] = process.argv.slice(2);
const port = Number(portArg);

async function itty() {
  const { AutoRouter, error, json, StatusError } = require('itty-router');
  const router = AutoRouter();
  router
    .get('/api/health', () => ({ status: 'ok' }))
    .get('/api/orders/:id', ({ id }) => error(404, `order ${id} not found`))
    .post('/api/orders', async (req) => {
      const body = await req.json();  // a bad body throws: AutoRouter's catch makes it a 500
      if (!body.sku) throw new StatusError(422, 'sku is required');
      return json({ sku: body.sku, status: 'accepted' }, { status: 201 });
    })
    .get('/api/boom', () => { throw new Error('ledger total mismatch'); })
    .get('/api/down', () => json(DOWN, { status: 503, headers: { 'Retry-After': '30' } }))
    .get('/api/unavailable', () => error(503))
    .get('/api/limited', () => json(LIMITED, { status: 429 }))
    .get('/api/maint', () => new Response(NGINX_503, { status: 503, headers: { 'content-type': 'text/html' } }))
    .get('/api/report', () => new Response(HTML_504, { status: 504, headers: { 'content-type': 'text/html' } }));
  http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const init = { method: req.method, headers: req.headers };
    if (!['GET', 'HEAD'].includes(req.method)) init.body = Buffer.concat(chunks);
    const r = await router.fetch(new Request(`http://${req.headers.host}${req.url}`, init));
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  }).listen(port, '127.0.0.1');
}

function zerohttp() {
  const { router, server } = require('0http')();
  const send = (res, status, obj, headers = {}) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.end(JSON.stringify(obj));
  };
  router.get('/api/health', (req, res) => send(res, 200, { status: 'ok' }));
  router.get('/api/orders/:id', (req, res) => send(res, 404, { error: 'not_found', message: `order ${req.params.id} not found` }));
  router.get('/api/boom', () => { throw new Error('ledger total mismatch'); });
  router.get('/api/down', (req, res) => send(res, 503, DOWN, { 'Retry-After': '30' }));
  router.get('/api/limited', (req, res) => send(res, 429, LIMITED));
  router.get('/api/maint', (req, res) => { res.statusCode = 503; res.setHeader('content-type', 'text/html'); res.end(NGINX_503); });
  router.get('/api/report', (req, res) => { res.statusCode = 504; res.setHeader('content-type', 'text/html'); res.end(HTML_504); });
  server.listen(port, '127.0.0.1');
}

function h2proxy() {
  const proxy = require('http2-proxy');
  const routes = rest.map((a) => {
    const [prefix, target] = a.split('=');
    const [url, auth] = target.split(',');
    return { prefix, url: new URL(url), basic: auth === 'basic' };
  });
  const GOOD = 'Basic ' + Buffer.from('oncall:correct-horse').toString('base64');
  const own = (res, status, code, message, headers = {}) => {
    if (res.headersSent) { res.destroy(); return; }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ status, code, message }));
  };
  http.createServer((req, res) => {
    const r = routes.find((x) => req.url.startsWith(x.prefix + '/'));
    if (!r) return own(res, 404, 'no_route', `no upstream for ${req.url.split('?')[0]}`);
    if (r.basic && req.headers.authorization !== GOOD) {
      return own(res, 401, 'unauthorized', 'credentials required', { 'WWW-Authenticate': 'Basic realm="orders-gw"' });
    }
    proxy.web(req, res, {
      hostname: r.url.hostname,
      port: Number(r.url.port),
      path: req.url.slice(r.prefix.length),
      proxyTimeout: 2000,
    }, (err, req2, res2) => {
      if (!err) return;
      if (err.code === 'ECONNREFUSED') own(res2, 502, 'bad_gateway', 'connect ECONNREFUSED');
      else if (err.statusCode === 504 || err.code === 'ETIMEDOUT') own(res2, 504, 'gateway_timeout', 'upstream timed out');
      else own(res2, err.statusCode || 502, err.code || 'proxy_error', err.message);
    });
  }).listen(port, '127.0.0.1');
}

({ itty, '0http': zerohttp, h2proxy })[mode]();
