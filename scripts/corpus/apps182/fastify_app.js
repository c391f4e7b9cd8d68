// Round 173 adds: /healthz (503 while inventory-down), 301 from /api/v1/orders/:id, 409 on ship, the schema's 400.
// Round 182 (apps173 copy, payments-gateway port moved to 62999; was: apps151 copy, payments-gateway port moved to 61999): "Tamsin" orders API in Fastify (Node). Flag files in $STATE_DIR
// as in flask_app.py. Usage: node fastify_app.js PORT
const fastify = require('fastify')({ logger: false });
const fs = require('fs'); const path = require('path'); const net = require('net');
const STATE = process.env.STATE_DIR || '/tmp';
const flag = (n) => fs.existsSync(path.join(STATE, n));
fastify.get('/api/orders/:id', async (req, reply) => {
  if (flag('deploy-v2')) throw new Error("Cannot read properties of undefined (reading 'currency')");
  if (req.params.id !== '1') return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `order ${req.params.id} not found` });
  reply.header('ETag', '"tm-o1-v5"').header('Cache-Control', 'no-cache');
  if (req.headers['if-none-match'] === '"tm-o1-v5"') return reply.code(304).send();
  return { id: 1, status: 'delivered', total: 12.3 };
});
fastify.get('/healthz', async (req, reply) => {
  if (flag('inventory-down')) return reply.code(503).send({ status: 'error', info: {}, error: { 'inventory-db': { status: 'down' } } });
  return { status: 'ok' };
});
fastify.get('/api/v1/orders/:id', async (req, reply) => reply.redirect(301, `/api/orders/${req.params.id}`));
fastify.post('/api/orders/:id/ship', async (req, reply) => reply.code(409).send({ statusCode: 409, error: 'Conflict', message: `order ${req.params.id} is already shipped` }));
fastify.post('/api/orders', { schema: { body: { type: 'object', required: ['items'], properties: { items: { type: 'array', minItems: 1 } } } } }, async (req, reply) => reply.code(201).header('Location', '/api/orders/2').send({ id: 2, status: 'created' }));
fastify.delete('/api/orders/:id', async (req, reply) => reply.code(204).send());
fastify.get('/api/invoices/:id', async (req, reply) => {
  if (flag('deploy-v2')) return reply.callNotFound();
  return { id: req.params.id, amount: 12.3 };
});
fastify.get('/api/payments', (req, reply) => {
  const s = net.connect(62999, '127.0.0.1');
  s.on('connect', () => { s.end(); reply.send({ ok: true }); });
  s.on('error', (e) => reply.code(502).send({ statusCode: 502, error: 'Bad Gateway', message: `payments-gateway unreachable (${e.code})` }));
});
fastify.get('/api/inventory', async (req, reply) => {
  if (flag('inventory-down')) return reply.code(503).header('Retry-After', '30').send({ statusCode: 503, error: 'Service Unavailable', message: 'inventory-db: connection refused' });
  return { sku: 'TM-2', on_hand: 8 };
});
fastify.get('/api/search', async (req, reply) => {
  if (flag('search-slow')) return reply.code(504).send({ statusCode: 504, error: 'Gateway Timeout', message: 'search-service timed out after 2000ms' });
  return { results: [], total: 0 };
});
fastify.get('/api/me', async (req, reply) => {
  const a = req.headers.authorization || '';
  if (a !== 'Bearer key2-token' && (flag('keys-rotated') || a !== 'Bearer key1-token'))
    return reply.code(401).header('WWW-Authenticate', 'Bearer error="invalid_token", error_description="The access token expired"').send({ statusCode: 401, error: 'Unauthorized', message: 'invalid_token' });
  return { sub: 'u-12' };
});
fastify.get('/api/quota', async (req, reply) => {
  if (flag('quota')) return reply.code(429).header('Retry-After', '45').send({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 45 seconds' });
  return { remaining: 3 };
});
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { ok: true }; });
fastify.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
