// Round-19 corpus: the inventory service, Fastify 5 on Node's http server,
// with nothing in front (and behind the Express gateway). Fastify's own
// JSON errors: 404 route, 400 schema and JSON parse, 413 bodyLimit (1 KiB),
// 414 for a parameter over maxParamLength (100), 415, 500.
const fastify = require('fastify')({ bodyLimit: 1024, maxParamLength: 100 });
const items = { 'A-1': { sku: 'A-1', stock: 12 } };
fastify.get('/api/inventory/items/:sku', async (req, reply) => {
  const it = items[req.params.sku];
  if (!it) return reply.code(404).send({ error: 'item_not_found', sku: req.params.sku });
  return it;
});
fastify.post('/api/inventory/adjustments', {
  schema: { body: { type: 'object', required: ['sku', 'delta'], properties: { sku: { type: 'string' }, delta: { type: 'integer' } } } },
}, async (req, reply) => reply.code(201).send(req.body));
fastify.get('/api/inventory/boom', async () => { throw new Error('stock ledger locked'); });
fastify.get('/api/inventory/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; });
fastify.get('/api/inventory/maintenance', async (req, reply) => reply.code(503).header('Retry-After', '60').send({ error: 'maintenance' }));
fastify.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
