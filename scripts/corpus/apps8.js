// Round-8 corpus apps (capture-round8.sh), run by Node 20 with NODE_PATH set
// to the npm install of the script:
//   node apps8.js loopback PORT                      an orders API on LoopBack 4 (@loopback/rest)
//   node apps8.js redbird PORT /prefix=URL ...       a redbird reverse proxy (path routes)
//   node apps8.js koa-gateway PORT /prefix=URL ...   a Koa gateway on koa-proxies, with its own JSON 429
'use strict';
const [mode, portArg, ...rest] = process.argv.slice(2);
const port = Number(portArg);
const routes = rest.map((r) => r.split('=', 2));

async function loopback() {
  const { RestApplication, HttpErrors } = require('@loopback/rest');
  const app = new RestApplication({ rest: { host: '127.0.0.1', port, openApiSpec: { disabled: true }, apiExplorer: { disabled: true } } });
  const spec = { responses: {}, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] };
  const plain = { responses: {} };
  app.route('get', '/api/health', plain, () => ({ status: 'ok' }));
  app.route('get', '/api/orders/{id}', spec, (id) => { throw new HttpErrors.NotFound(`order ${id} not found`); });
  app.route('get', '/api/boom', plain, () => { throw new Error('ledger total mismatch'); });
  app.route('get', '/api/down', plain, () => { throw new HttpErrors.ServiceUnavailable('orders database is in maintenance'); });
  app.route('get', '/api/limited', plain, () => { throw new HttpErrors.TooManyRequests('slow down'); });
  app.route('get', '/api/report', plain, () => { throw new HttpErrors.GatewayTimeout('the report service did not answer'); });
  app.route('post', '/api/orders', { responses: {}, requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } } } } },
    (body) => ({ id: 1, ...body }));
  await app.start();
}

async function redbird() {
  // redbird is an ES module; NODE_PATH does not reach import(), so resolve it first
  const { Redbird } = await import(require('url').pathToFileURL(require.resolve('redbird')).href);
  const proxy = new Redbird({ port, host: '127.0.0.1', bunyan: false, timeout: 2000, proxyTimeout: 2000 });
  for (const [prefix, target] of routes) proxy.register(`127.0.0.1:${port}${prefix}`, target);
}

function koaGateway() {
  const Koa = require('koa');
  const proxies = require('koa-proxies');
  const crypto = require('crypto');
  const app = new Koa();
  const hits = new Map();
  app.use(async (ctx, next) => {
    const rid = ctx.get('x-request-id') || crypto.randomUUID();
    ctx.state.rid = rid;
    ctx.set('X-Request-Id', rid);
    ctx.req.headers['x-request-id'] = rid;
    const client = ctx.get('x-client');
    if (client) {
      const n = (hits.get(client) || 0) + 1;
      hits.set(client, n);
      if (n > 2) {
        ctx.status = 429;
        ctx.set('Retry-After', '60');
        ctx.body = { error: 'too_many_requests', message: 'client quota exceeded', request_id: rid };
        return;
      }
    }
    await next();
  });
  for (const [prefix, target] of routes) {
    app.use(proxies(prefix, { target, changeOrigin: true, proxyTimeout: 2000, timeout: 2000,
      rewrite: (p) => p.slice(prefix.length) || '/', logs: false }));
  }
  app.listen(port, '127.0.0.1');
}

if (mode === 'loopback') loopback().catch((e) => { console.error(e); process.exit(1); });
else if (mode === 'redbird') redbird().catch((e) => { console.error(e); process.exit(1); });
else if (mode === 'koa-gateway') koaGateway();
else { console.error(`unknown mode ${mode}`); process.exit(2); }
