// Node apps for the round-3 evidence corpus (capture-round3.sh).
//
// Each is a small orders API written the way a team would write it with that
// framework, so its error pages are the framework's real ones. Every server
// binds 127.0.0.1 only. The modules come from npm (express, fastify, koa,
// http-proxy), installed by the capture script; NODE_PATH points at them.
//
//   node apps3.js express PORT        Express 5, NODE_ENV=production
//   node apps3.js fastify PORT        Fastify 5 (JSON errors)
//   node apps3.js fastify-h2c PORT    the same app over HTTP/2 cleartext
//   node apps3.js koa PORT            Koa 3 (plain-text errors)
//   node apps3.js raw PORT            node:http alone (Node's own 400/431)
//   node apps3.js gateway PORT        an API gateway on http-proxy: stamps
//                                     X-Correlation-ID, answers upstream
//                                     failures with its own JSON
//
// Routes under /api/ (a leading prefix such as /express/api/... is dropped,
// so proxies can route by path without rewriting it):
//   /api/health  200;  /api/users/42 200, other ids the framework's 404
//   /api/boom    an unhandled error: the framework's 500
//   /api/down    the APP's own HTML 503 page;  /api/pay the APP's own JSON 502
//   /api/report  the APP's own HTML 504 page;  /api/slow answers after 5 s
//   POST /api/orders  JSON body, at most 1 kB
'use strict';

const http = require('node:http');

const DOWN_HTML = `<!DOCTYPE html>
<html>
<head><title>503 Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>The orders service is temporarily unable to handle your request. Please try again later.</p>
</body>
</html>
`;
const BAD_GATEWAY_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<h1>Bad Gateway</h1>
<p>The payment provider returned an invalid response.</p>
</body>
</html>
`;
const REPORT_HTML = `<html><head><title>504 Gateway Timeout</title></head>
<body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>
`;
const PAY = { error: { code: 'bad_gateway', message: 'payment provider returned an invalid response' } };

function stripPrefix(url) {
  const i = url.indexOf('/api/');
  return i > 0 ? url.slice(i) : url;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function runExpress(port) {
  const express = require('express');
  const app = express();
  app.use((req, res, next) => { req.url = stripPrefix(req.url); next(); });
  app.use(express.json({ limit: '1kb' }));
  app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
  app.get('/api/users/:id', (req, res) => {
    if (req.params.id !== '42') return res.status(404).json({ error: 'user not found' });
    return res.json({ id: 42, name: 'Ada' });
  });
  app.get('/api/boom', () => { throw new Error('ledger connection lost'); });
  app.get('/api/down', (req, res) => res.status(503).set('Retry-After', '120').type('html').send(DOWN_HTML));
  app.get('/api/pay', (req, res) => res.status(502).type('html').send(BAD_GATEWAY_HTML));
  app.get('/api/report', (req, res) => res.status(504).type('html').send(REPORT_HTML));
  app.get('/api/slow', async (req, res) => { await sleep(5000); res.json({ status: 'late' }); });
  app.post('/api/orders', (req, res) => res.status(201).json({ id: 7, sku: req.body.sku }));
  app.listen(port, '127.0.0.1');
}

function fastifyApp(opts) {
  const fastify = require('fastify')({
    logger: false, bodyLimit: 1024, rewriteUrl: (req) => stripPrefix(req.url), ...opts,
  });
  fastify.get('/api/health', async () => ({ status: 'ok' }));
  fastify.get('/api/users/:id', async (req, reply) => {
    if (req.params.id !== '42') return reply.code(404).send({ error: 'user not found' });
    return { id: 42, name: 'Ada' };
  });
  fastify.get('/api/boom', async () => { throw new Error('ledger connection lost'); });
  fastify.get('/api/down', async (req, reply) =>
    reply.code(503).header('Retry-After', '120').send({ error: 'maintenance', message: 'orders database upgrade' }));
  fastify.get('/api/pay', async (req, reply) => reply.code(502).send(PAY));
  fastify.get('/api/report', async (req, reply) => reply.code(504).type('text/html').send(REPORT_HTML));
  fastify.post('/api/orders', {
    schema: {
      body: {
        type: 'object',
        required: ['sku', 'qty'],
        properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
      },
    },
  }, async (req, reply) => reply.code(201).send({ id: 7, sku: req.body.sku }));
  return fastify;
}

function runFastify(port, h2c) {
  const fastify = fastifyApp(h2c ? { http2: true } : {});
  fastify.listen({ port, host: '127.0.0.1' });
}

function runKoa(port) {
  const Koa = require('koa');
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx) => {
    const path = stripPrefix(ctx.path);
    if (path === '/api/health') { ctx.body = { status: 'ok' }; return; }
    if (path === '/api/users/42') { ctx.body = { id: 42, name: 'Ada' }; return; }
    if (path === '/api/boom') throw new Error('ledger connection lost');
    if (path === '/api/down') ctx.throw(503, 'orders database under maintenance');
    if (path === '/api/pay') { ctx.status = 502; ctx.body = PAY; return; }
    if (path === '/api/slow') { await sleep(5000); ctx.body = { status: 'late' }; }
    // anything else: Koa's own 404 ("Not Found", text/plain)
  });
  app.listen(port, '127.0.0.1');
}

function runRaw(port) {
  // node:http with a small header limit: Node itself answers 400 and 431.
  const server = http.createServer({ maxHeaderSize: 1024 }, (req, res) => {
    const path = stripPrefix(req.url);
    if (path === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"ok"}\n');
    } else if (path === '/api/boom') {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('ledger connection lost\n');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('no route\n');
    }
  });
  server.listen(port, '127.0.0.1');
}

function runGateway(port) {
  const httpProxy = require('http-proxy');
  const { randomUUID } = require('node:crypto');
  const routes = {
    '/dead/': 'http://127.0.0.1:20009',
    '/slow/': 'http://127.0.0.1:20001',
    '/express/': 'http://127.0.0.1:20010',
    '/fastify/': 'http://127.0.0.1:20011',
    '/pen/': 'http://127.0.0.1:20500',
  };
  const proxy = httpProxy.createProxyServer({ proxyTimeout: 2000, xfwd: true });
  function fail(res, status, code, message, id) {
    if (res.headersSent) { res.end(); return; }
    const body = JSON.stringify({ error: { code, message, correlation_id: id } }) + '\n';
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'X-Correlation-ID': id,
    });
    res.end(body);
  }
  proxy.on('proxyRes', (proxyRes, req) => { proxyRes.headers['x-correlation-id'] = req.headers['x-correlation-id']; });
  proxy.on('error', (err, req, res) => {
    const id = req.headers['x-correlation-id'];
    // http-proxy reports its own timeout as a reset: tell it by the time taken
    if (Date.now() - req.startedAt >= 1900) fail(res, 504, 'gateway_timeout', 'upstream did not answer in time', id);
    else fail(res, 502, 'bad_gateway', 'upstream unavailable: ' + (err.code || err.message), id);
  });
  http.createServer((req, res) => {
    const id = req.headers['x-correlation-id'] || randomUUID();
    req.headers['x-correlation-id'] = id;
    const prefix = Object.keys(routes).find((p) => req.url.startsWith(p));
    if (!prefix) { fail(res, 404, 'no_route', 'no route for ' + req.url.split('?')[0], id); return; }
    req.startedAt = Date.now();
    proxy.web(req, res, { target: routes[prefix] });
  }).listen(port, '127.0.0.1');
}

const [mode, portText] = process.argv.slice(2);
const port = Number(portText);
const modes = {
  express: () => runExpress(port),
  fastify: () => runFastify(port, false),
  'fastify-h2c': () => runFastify(port, true),
  koa: () => runKoa(port),
  raw: () => runRaw(port),
  gateway: () => runGateway(port),
};
if (!modes[mode] || !(port >= 20000 && port <= 20999)) {
  process.stderr.write('usage: node apps3.js express|fastify|fastify-h2c|koa|raw|gateway PORT (20000-20999)\n');
  process.exit(2);
}
modes[mode]();
