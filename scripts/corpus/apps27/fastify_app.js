// Round-27 corpus (round 24's app, adapted): a catalog API on Fastify 5 behind
// Apache mod_proxy_http. A bearer token that is not accepted on
// /api/admin/imports gets a 401 with error="invalid_token", a token without
// the scope a 403. Route schemas (Fastify's
// own 400 for a body that fails them, FST_ERR_CTP_* for broken JSON), a 1 KiB
// bodyLimit (its 413), reply.code() JSON for the handlers' errors, Fastify's
// default 404 and 500 for the rest, a readiness check that fails.
// `node fastify_app.js PORT`
'use strict';
const fastify = require('fastify')({ logger: false, bodyLimit: 1024 });

const fail = (reply, status, code, message) => reply.code(status).send({ statusCode: status, code, message });

fastify.get('/api/health', async () => ({ status: 'ok' }));
fastify.get('/api/health/ready', async (req, reply) =>
  reply.code(503).send({ status: 'error', info: {}, error: { elasticsearch: { status: 'down', message: 'connect ETIMEDOUT' } } }));
fastify.get('/api/products', async (req, reply) => {
  reply.header('Cache-Control', 'public, max-age=120');
  return { items: [{ sku: 'A-1', name: 'Espresso cup', price: 1200 }] };
});
fastify.get('/api/products/:sku', async (req, reply) => {
  if (req.params.sku !== 'A-1') return fail(reply, 404, 'PRODUCT_NOT_FOUND', `No product with sku ${req.params.sku}`);
  reply.header('Cache-Control', 'public, max-age=120');
  return { sku: 'A-1', name: 'Espresso cup', price: 1200 };
});
fastify.post('/api/products', {
  schema: {
    body: {
      type: 'object', required: ['sku', 'price'],
      properties: { sku: { type: 'string' }, price: { type: 'integer', minimum: 1 } },
    },
  },
}, async (req, reply) => {
  if (req.body.sku.startsWith('X-')) return fail(reply, 422, 'SKU_RESERVED', 'SKUs starting with X- are reserved');
  return reply.code(201).send(req.body);
});
fastify.delete('/api/products/:sku', async (req, reply) => fail(reply, 409, 'PRODUCT_IN_USE', 'Product is referenced by open orders'));
fastify.get('/api/admin/imports', async (req, reply) => {
  const auth = req.headers.authorization;
  if (!auth) {
    reply.header('WWW-Authenticate', 'Bearer realm="catalog"');
    return fail(reply, 401, 'UNAUTHORIZED', 'Missing bearer token');
  }
  if (auth === 'Bearer user-token') return fail(reply, 403, 'FORBIDDEN', 'Token lacks the catalog:import scope');
  reply.header('WWW-Authenticate', 'Bearer realm="catalog", error="invalid_token", error_description="jwt expired"');
  return fail(reply, 401, 'INVALID_TOKEN', 'jwt expired');
});
fastify.get('/api/search', async (req, reply) => {
  reply.header('Retry-After', '15');
  return fail(reply, 429, 'RATE_LIMITED', 'Search is limited to 10 requests per minute');
});
fastify.get('/api/boom', async () => { throw new Error('price index corrupted'); });
fastify.get('/api/maintenance', async (req, reply) => {
  reply.header('Retry-After', '60');
  return fail(reply, 503, 'MAINTENANCE', 'Catalog is being reindexed');
});
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; });

fastify.listen({ port: Number(process.argv[2]), host: '127.0.0.1' }).catch((e) => { console.error(e); process.exit(1); });
