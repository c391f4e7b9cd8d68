// Node apps for the round-5 evidence corpus (capture-round5.sh).
//
// Frameworks no earlier round used. Each is a small orders API written the way
// a team would write it with that framework, so its error pages are the
// framework's real ones. Every server binds 127.0.0.1 only. The modules come
// from npm (@tinyhttp/app, micro, @feathersjs/*, http-proxy-middleware),
// installed by the capture script; NODE_PATH points at them.
//
//   node apps5.js tinyhttp PORT    tinyhttp 3 (text errors)
//   node apps5.js micro PORT       micro 10 (createError, text errors)
//   node apps5.js feathers PORT    Feathers 5 on Express (errorHandler)
//   node apps5.js gateway PORT     a gateway made of http-proxy-middleware alone:
//                                  /tiny/ -> tinyhttp, /micro/ -> micro,
//                                  /dead/ -> a closed port, /slow/ -> a slow app
//
// Routes under /api/ (a leading prefix such as /tiny/api/... is dropped, so
// proxies can route by path without rewriting it):
//   /api/health  200;  /api/users/42 200, other ids the framework's 404
//   /api/boom    an unhandled error: the framework's 500
//   /api/down    the framework's own 503 (its error type, with a message)
//   /api/pay     the APP's own JSON 502;  /api/report the APP's own HTML 504
//   /api/maint   the APP's own HTML 503;  /api/catalog cacheable, never 304
'use strict';

const http = require('node:http');

const REPORT_HTML = `<html><head><title>504 Gateway Timeout</title></head>
<body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>
`;
const MAINT_HTML = `<!DOCTYPE html>
<html><head><title>503 Service Unavailable</title></head>
<body><h1>Service Unavailable</h1><p>Back soon: the orders service is being upgraded.</p></body></html>
`;
const PAY = { error: { code: 'bad_gateway', message: 'payment provider returned an invalid response' } };
const USER = { id: 42, name: 'Ada' };
const MAINTENANCE = 'orders database under maintenance';
const CATALOG = { items: [{ sku: 'SKU-1', price: 12 }, { sku: 'SKU-2', price: 30 }] };

function stripPrefix(u) {
  const i = u.indexOf('/api/');
  return i > 0 ? u.slice(i) : u;
}

function checkPort(p) {
  const port = Number(p);
  if (!(port >= 23000 && port <= 23999)) throw new Error('port must be in 23000-23999');
  return port;
}

// ---------------------------------------------------------------- tinyhttp --
function tinyhttp(port) {
  const { App } = require('@tinyhttp/app');
  const app = new App();
  app.use((req, res, next) => { req.url = stripPrefix(req.url); next(); });
  app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
  app.get('/api/users/:id', (req, res) => {
    if (req.params.id === '42') return res.json(USER);
    res.sendStatus(404);
  });
  app.get('/api/boom', () => { throw new Error('ledger connection lost'); });
  app.get('/api/down', (req, res) => res.status(503).send(MAINTENANCE));
  app.get('/api/pay', (req, res) => res.status(502).json(PAY));
  app.get('/api/maint', (req, res) => res.status(503).set('Content-Type', 'text/html').send(MAINT_HTML));
  app.listen(port, undefined, '127.0.0.1');
}

// ------------------------------------------------------------------- micro --
function micro(port) {
  const { serve, send, createError } = require('micro');
  const handler = async (req, res) => {
    const u = stripPrefix(req.url);
    if (u === '/api/health') return { status: 'ok' };
    if (u === '/api/users/42') return USER;
    if (u.startsWith('/api/users/')) throw createError(404, 'user not found');
    if (u === '/api/boom') throw new Error('ledger connection lost');
    if (u === '/api/down') throw createError(503, MAINTENANCE);
    if (u === '/api/pay') return send(res, 502, PAY);
    if (u === '/api/report') {
      res.setHeader('Content-Type', 'text/html');
      return send(res, 504, REPORT_HTML);
    }
    if (u === '/api/catalog') { // cacheable; never answers 304 itself
      res.setHeader('Cache-Control', 'public, max-age=2');
      res.setHeader('ETag', '"catalog-v7"');
      res.setHeader('Last-Modified', 'Mon, 02 Nov 2026 10:00:00 GMT');
      return CATALOG;
    }
    return send(res, 404, 'Not Found');
  };
  http.createServer(serve(handler)).listen(port, '127.0.0.1');
}

// ---------------------------------------------------------------- Feathers --
function feathers(port) {
  const { feathers: makeApp } = require('@feathersjs/feathers');
  const express = require('@feathersjs/express');
  const errors = require('@feathersjs/errors');
  const app = express.default(makeApp());
  app.use(express.json());
  app.configure(express.rest());
  app.use('/api/users', {
    async get(id) {
      if (String(id) === '42') return USER;
      throw new errors.NotFound(`No record found for id '${id}'`);
    },
    async find() { throw new Error('ledger connection lost'); },
    async create(data) {
      if (!data || !data.sku) throw new errors.BadRequest('sku is required', { field: 'sku' });
      return { id: 1, ...data };
    },
  });
  app.use('/api/orders', {
    async create(data) {
      if (!data || !data.sku) throw new errors.BadRequest('sku is required', { field: 'sku' });
      return { id: 1, ...data };
    },
  });
  app.use('/api/down', { async find() { throw new errors.Unavailable(MAINTENANCE); } });
  app.use('/api/pay', { async find() { throw new errors.BadGateway('payment provider returned an invalid response'); } });
  app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
  app.use(express.notFound());
  app.use(express.errorHandler({ logger: null }));
  app.listen(port, '127.0.0.1');
}

// ------------------------------------------------- http-proxy-middleware --
function gateway(port, tinyPort, microPort, deadPort, slowPort) {
  const { createProxyMiddleware } = require('http-proxy-middleware');
  const proxy = createProxyMiddleware({
    target: `http://127.0.0.1:${tinyPort}`,
    router: {
      '/micro/': `http://127.0.0.1:${microPort}`,
      '/dead/': `http://127.0.0.1:${deadPort}`,
      '/slow/': `http://127.0.0.1:${slowPort}`,
    },
    pathRewrite: (p) => stripPrefix(p),
    proxyTimeout: 2000,
    timeout: 2000,
  });
  http.createServer((req, res) => proxy(req, res, () => {
    res.statusCode = 404;
    res.end();
  })).listen(port, '127.0.0.1');
}

const [mode, port, ...rest] = process.argv.slice(2);
const modes = { tinyhttp, micro, feathers, gateway };
if (!modes[mode]) {
  console.error('usage: node apps5.js tinyhttp|micro|feathers|gateway PORT ...');
  process.exit(2);
}
modes[mode](checkPort(port), ...rest.map(checkPort));
