// Round 178 (round 163's app, with its own HTML 502/503/504 pages added): "Tollgate" orders API in Fastify 4 (Node). Same routes and answers as flask_app.py,
// but a body that is not JSON gets Fastify's own JSON 400 (its content-type parser), an unhandled
// error Fastify's JSON 500, an unrouted path Fastify's JSON 404. While $STATE_DIR/maint exists,
// the app's own JSON 503. Usage: node fastify_app.js PORT
const fastify = require('fastify')();
const fs = require('fs'); const path = require('path');
const STATE = process.env.STATE_DIR || '/tmp';
fastify.addHook('onRequest', async (req, reply) => {
  if (fs.existsSync(path.join(STATE, 'maint'))) return reply.code(503).header('Retry-After', '300').send({ error: 'maintenance', message: 'Tollgate is in maintenance mode (schema migration)' });
});
fastify.get('/api/orders/:id', async (req, reply) => {
  if (req.params.id !== '1') return reply.code(404).send({ error: 'not_found', message: `order ${req.params.id} not found` });
  reply.header('ETag', '"tg-o1-v4"');
  if (req.headers['if-none-match'] === '"tg-o1-v4"') return reply.code(304).send();
  return { id: 1, status: 'shipped', total: 42.5 };
});
fastify.post('/api/orders', async (req, reply) => {
  const body = req.body;
  if (!body || typeof body !== 'object' || !('sku' in body)) return reply.code(422).send({ error: 'validation_failed', errors: [{ field: 'sku', message: 'is required' }] });
  if (body.sku === 'DUP-1') return reply.code(409).send({ error: 'conflict', message: 'an order for sku DUP-1 already exists (id 1)' });
  return reply.code(201).header('Location', '/api/orders/2').send({ id: 2, status: 'created' });
});
fastify.delete('/api/orders/:id', async (req, reply) => reply.code(204).send());
fastify.get('/api/me', async (req, reply) => {
  if (req.headers.authorization !== 'Bearer good-token') return reply.code(401).header('WWW-Authenticate', 'Bearer realm="tollgate", error="invalid_token"').send({ error: 'unauthorized', message: 'missing or invalid bearer token' });
  return { sub: 'u-7' };
});
fastify.get('/api/admin/users', async (req, reply) => reply.code(403).send({ error: 'forbidden', message: "role 'viewer' may not list users" }));
fastify.get('/api/quota', async (req, reply) => reply.code(429).header('Retry-After', '42').send({ error: 'rate_limited', message: '60 requests per minute exceeded' }));
fastify.get('/api/boom', async () => { const c = undefined; return { id: c.customer_id }; });
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { ok: true }; });
fastify.get('/api/payments', async (req, reply) => reply.code(502).type('text/html; charset=utf-8').send('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>Tollgate: the payments provider did not answer</p></body></html>\n'));
fastify.get('/api/statements', async (req, reply) => reply.code(503).type('text/html; charset=utf-8').send('<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Tollgate: statements are being regenerated, try again later</p></body></html>\n'));
fastify.get('/api/reports', async (req, reply) => reply.code(504).type('text/html; charset=utf-8').send('<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1><p>Tollgate: the reporting warehouse timed out</p></body></html>\n'));
fastify.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
