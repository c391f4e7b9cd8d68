// apps7.js — round 7's Node apps (see capture-round7.sh), from pinned npm
// packages in $CORPUS_NODE:
//   node apps7.js restana PORT                    an orders API on restana
//   node apps7.js expressproxy PORT PREFIX=URL... a gateway on express-http-proxy
//   node apps7.js h2o2 PORT PREFIX=URL...         a gateway on hapi with @hapi/h2o2
// Every server binds 127.0.0.1 only.
'use strict';

const MAINT_HTML = `<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
</body>
</html>
`;
const TIMEOUT_HTML = `<!DOCTYPE html>
<html><head><title>504 Gateway Time-out</title></head>
<body><h1>Gateway Time-out</h1><p>The reporting service did not answer in time.</p></body></html>
`;

const [, , which, port, ...routes] = process.argv;
const table = routes.map((r) => r.split(/=(.*)/s).slice(0, 2));

function restanaApp() {
  const restana = require('restana');
  const service = restana();
  const json = (res, status, body, headers = {}) =>
    res.send(body, status, { 'content-type': 'application/json', ...headers });
  service.get('/api/health', (req, res) => json(res, 200, { status: 'ok' }));
  service.get('/api/users/:id', (req, res) => json(res, 404, { error: 'user not found', id: req.params.id }));
  service.get('/api/boom', async () => { throw new Error('orders: database is locked'); });
  service.get('/api/down', (req, res) => json(res, 503, { error: 'orders database unavailable' }, { 'retry-after': '30' }));
  service.get('/api/maint', (req, res) => res.send(MAINT_HTML, 503, { 'content-type': 'text/html' }));
  service.get('/api/report', (req, res) => res.send(TIMEOUT_HTML, 504, { 'content-type': 'text/html' }));
  service.get('/api/limited', (req, res) => json(res, 429, { error: 'too many requests', retry_in: 5 }, { 'retry-after': '5' }));
  service.get('/api/catalog', (req, res) => json(res, 200, { items: ['SKU-1', 'SKU-2'] },
    { 'cache-control': 'public, max-age=1', etag: '"catalog-v7"' }));
  service.start(Number(port), '127.0.0.1');
}

function expressProxy() {
  const express = require('express');
  const proxy = require('express-http-proxy');
  const app = express();
  for (const [prefix, target] of table) {
    app.use(prefix, proxy(target, { timeout: 2000 }));
  }
  app.listen(Number(port), '127.0.0.1');
}

async function h2o2Gateway() {
  const Hapi = require('@hapi/hapi');
  const server = Hapi.server({ port: Number(port), host: '127.0.0.1' });
  await server.register(require('@hapi/h2o2'));
  for (const [prefix, target] of table) {
    const u = new URL(target);
    server.route({
      method: '*',
      path: prefix + '/{p*}',
      handler: {
        proxy: {
          mapUri: (req) => ({ uri: `${u.origin}/${req.params.p || ''}${req.url.search}` }),
          timeout: 2000,
          passThrough: true,
        },
      },
    });
  }
  await server.start();
}

if (which === 'restana') restanaApp();
else if (which === 'expressproxy') expressProxy();
else if (which === 'h2o2') h2o2Gateway();
else { console.error('usage: apps7.js restana|expressproxy|h2o2 PORT ...'); process.exit(2); }
