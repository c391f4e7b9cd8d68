// Node apps for the round-4 evidence corpus (capture-round4.sh).
//
// Frameworks no earlier round used. Each is a small orders API written the way
// a team would write it with that framework, so its error pages are the
// framework's real ones. Every server binds 127.0.0.1 only. The modules come
// from npm (@hapi/hapi, restify, polka, h3, hono with @hono/node-server),
// installed by the capture script; NODE_PATH points at them.
//
//   node apps4.js hapi PORT        hapi 21 (Boom JSON errors)
//   node apps4.js hapi-h2 PORT CERT KEY   the same app over TLS with HTTP/2
//   node apps4.js restify PORT     restify 11 ({"code": ..., "message": ...})
//   node apps4.js polka PORT       polka 0.5 (plain-text errors, no type)
//   node apps4.js h3 PORT          h3 2 (JSON errors)
//   node apps4.js hono PORT        Hono 4 on @hono/node-server (text errors)
//
// Routes under /api/ (a leading prefix such as /hapi/api/... is dropped, so
// proxies can route by path without rewriting it):
//   /api/health  200;  /api/users/42 200, other ids the framework's 404
//   /api/boom    an unhandled error: the framework's 500
//   /api/down    the framework's own 503 (its error type, with a message)
//   /api/pay     the APP's own JSON 502;  /api/report the APP's own HTML 504
//   /api/slow    answers after 5 s;  POST /api/orders  JSON body
'use strict';

const http = require('node:http');
const path = require('node:path');
const url = require('node:url');

const REPORT_HTML = `<html><head><title>504 Gateway Timeout</title></head>
<body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>
`;
const PAY = { error: { code: 'bad_gateway', message: 'payment provider returned an invalid response' } };

function stripPrefix(u) {
  const i = u.indexOf('/api/');
  return i > 0 ? u.slice(i) : u;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runHapi(port, tls) {
  const Hapi = require('@hapi/hapi');
  const Boom = require('@hapi/boom');
  const opts = { port, host: '127.0.0.1', routes: { payload: { maxBytes: 1024 } } };
  if (tls) {
    const fs = require('node:fs');
    const http2 = require('node:http2');
    opts.listener = http2.createSecureServer({
      key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert), allowHTTP1: true,
    });
    opts.tls = true;
  }
  const server = Hapi.server(opts);
  server.ext('onRequest', (request, h) => {
    request.setUrl(stripPrefix(request.url.pathname) + request.url.search);
    return h.continue;
  });
  server.route([
    { method: 'GET', path: '/api/health', handler: () => ({ status: 'ok' }) },
    {
      method: 'GET', path: '/api/users/{id}', handler: (request) => {
        if (request.params.id !== '42') throw Boom.notFound('user not found');
        return { id: 42, name: 'Ada' };
      },
    },
    { method: 'GET', path: '/api/boom', handler: () => { throw new Error('ledger connection lost'); } },
    {
      method: 'GET', path: '/api/down',
      handler: () => { throw Boom.serverUnavailable('orders database under maintenance'); },
    },
    { method: 'GET', path: '/api/pay', handler: (request, h) => h.response(PAY).code(502) },
    { method: 'GET', path: '/api/report', handler: (request, h) => h.response(REPORT_HTML).type('text/html').code(504) },
    { method: 'GET', path: '/api/slow', handler: async () => { await sleep(5000); return { status: 'late' }; } },
    { method: 'POST', path: '/api/orders', handler: (request, h) => h.response({ id: 7, sku: request.payload.sku }).code(201) },
  ]);
  await server.start();
}

function runRestify(port) {
  const restify = require('restify');
  const errors = require('restify-errors');
  const server = restify.createServer({ name: 'orders-api' });
  server.pre((req, res, next) => { req.url = stripPrefix(req.url); next(); });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 }));
  server.get('/api/health', (req, res, next) => { res.send({ status: 'ok' }); next(); });
  server.get('/api/users/:id', (req, res, next) => {
    if (req.params.id !== '42') return next(new errors.NotFoundError('user not found'));
    res.send({ id: 42, name: 'Ada' });
    return next();
  });
  server.get('/api/boom', (req, res, next) => next(new Error('ledger connection lost')));
  server.get('/api/down', (req, res, next) =>
    next(new errors.ServiceUnavailableError('orders database under maintenance')));
  server.get('/api/pay', (req, res, next) => { res.send(502, PAY); next(); });
  server.post('/api/orders', (req, res, next) => { res.send(201, { id: 7, sku: req.body.sku }); next(); });
  server.listen(port, '127.0.0.1');
}

function runPolka(port) {
  const polka = require('polka');
  polka()
    .use((req, res, next) => { req.url = stripPrefix(req.url); req.path = stripPrefix(req.path); next(); })
    .get('/api/health', (req, res) => { res.setHeader('Content-Type', 'application/json'); res.end('{"status":"ok"}'); })
    .get('/api/users/:id', (req, res, next) => {
      if (req.params.id !== '42') return next({ code: 404, message: 'user not found' });
      res.setHeader('Content-Type', 'application/json');
      return res.end('{"id":42,"name":"Ada"}');
    })
    .get('/api/boom', (req, res, next) => next(new Error('ledger connection lost')))
    .get('/api/down', (req, res, next) => next({ code: 503 }))
    .get('/api/pay', (req, res) => {
      res.statusCode = 502;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(PAY));
    })
    .listen(port, '127.0.0.1');
}

async function runH3(port) {
  const entry = (name) => url.pathToFileURL(path.join(process.env.NODE_PATH, 'h3', 'dist', name)).href;
  const { H3, HTTPError } = await import(entry('_entries/node.mjs'));
  const { toNodeHandler } = await import(entry('_entries/node.mjs'));
  const app = new H3();
  app.use((event, next) => {
    // same routes behind a proxy prefix
    if (event.url.pathname.indexOf('/api/') > 0) event.url.pathname = stripPrefix(event.url.pathname);
    return next();
  });
  app.get('/api/health', () => ({ status: 'ok' }));
  app.get('/api/users/:id', (event) => {
    if (event.context.params.id !== '42') throw new HTTPError({ status: 404, message: 'user not found' });
    return { id: 42, name: 'Ada' };
  });
  app.get('/api/boom', () => { throw new Error('ledger connection lost'); });
  app.get('/api/down', () => { throw new HTTPError({ status: 503, message: 'orders database under maintenance' }); });
  app.get('/api/pay', () => new Response(JSON.stringify(PAY), { status: 502, headers: { 'content-type': 'application/json' } }));
  http.createServer(toNodeHandler(app)).listen(port, '127.0.0.1');
}

function runHono(port) {
  const { Hono } = require('hono');
  const { HTTPException } = require('hono/http-exception');
  const { serve } = require('@hono/node-server');
  const app = new Hono({ getPath: (req) => stripPrefix(new URL(req.url).pathname) });
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.get('/api/users/:id', (c) => (c.req.param('id') === '42' ? c.json({ id: 42, name: 'Ada' }) : c.notFound()));
  app.get('/api/boom', () => { throw new Error('ledger connection lost'); });
  app.get('/api/down', () => { throw new HTTPException(503, { message: 'orders database under maintenance' }); });
  app.get('/api/pay', (c) => c.json(PAY, 502));
  app.get('/api/report', (c) => c.html(REPORT_HTML, 504));
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}

const [mode, portText, cert, key] = process.argv.slice(2);
const port = Number(portText);
const modes = {
  hapi: () => runHapi(port, null),
  'hapi-h2': () => runHapi(port, { cert, key }),
  restify: () => runRestify(port),
  polka: () => runPolka(port),
  h3: () => runH3(port),
  hono: () => runHono(port),
};
if (!modes[mode] || !(port >= 22000 && port <= 22999)) {
  process.stderr.write('usage: node apps4.js hapi|hapi-h2|restify|polka|h3|hono PORT (22000-22999)\n');
  process.exit(2);
}
Promise.resolve(modes[mode]()).catch((err) => { process.stderr.write(`${err.stack}\n`); process.exit(1); });
