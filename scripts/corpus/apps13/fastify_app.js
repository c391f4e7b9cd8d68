// Round-13 corpus: the orders API on Fastify 4, as its docs show it (JSON
// schema validation, the default error handler, bodyLimit 1 KiB).
// node fastify_app.js PORT
'use strict';
const fastify = require('fastify')({ logger: false, bodyLimit: 1024 });

const port = Number(process.argv[2]);

fastify.get('/api/health', async () => ({ status: 'ok' }));
fastify.get('/api/orders/:id', async (req, reply) => {
  if (req.params.id !== '1') return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Order ${req.params.id} not found` });
  return { id: 1, sku: 'A-1' };
});
fastify.post('/api/orders', {
  schema: {
    body: {
      type: 'object',
      required: ['sku', 'qty'],
      properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
    },
  },
}, async (req, reply) => reply.code(201).send({ id: 2, ...req.body }));
fastify.post('/api/orders/:id/cancel', async (req, reply) =>
  reply.code(409).send({ statusCode: 409, error: 'Conflict', message: 'Order already shipped' }));
fastify.get('/api/admin/reports', async (req, reply) => {
  if (!req.headers.authorization) {
    return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ statusCode: 401, error: 'Unauthorized', message: 'Missing token' });
  }
  return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'Insufficient scope' });
});
fastify.get('/api/limited', async (req, reply) =>
  reply.code(429).header('Retry-After', '60').send({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 1 minute' }));
fastify.get('/api/boom', async () => {
  const order = undefined;
  return { total: order.qty * 10 };
});
fastify.get('/api/maintenance', async (req, reply) =>
  reply.code(503).header('Retry-After', '300').send({ statusCode: 503, error: 'Service Unavailable', message: 'Scheduled maintenance' }));
fastify.get('/api/inventory', async (req, reply) => {
  await new Promise((r) => setTimeout(r, 1000));  // the stock service never answered
  return reply.code(504).send({ statusCode: 504, error: 'Gateway Timeout', message: 'stock service timed out after 1000ms' });
});
fastify.get('/api/slow', async () => {
  await new Promise((r) => setTimeout(r, 5000));
  return { status: 'late' };
});
fastify.get('/api/search', async () => ({ results: [] }));

fastify.listen({ port, host: '127.0.0.1' }).catch(() => process.exit(1));
