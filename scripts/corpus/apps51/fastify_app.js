// Round-51 corpus (round 39's app): a payments API on Fastify 5 behind Varnish
// behind hitch (TLS). The request id Varnish sets (X-Request-ID) becomes Fastify's request id (genReqId) and is
// echoed in every answer; with no header Fastify makes its own ("req-N").
// Route schemas (Fastify's 400), a 1 KiB bodyLimit (its own 413), the
// handlers' JSON errors, Fastify's default 404 and 500. `node fastify_app.js PORT`
'use strict';
let n = 0;
const fastify = require('fastify')({
  logger: true, requestIdHeader: 'x-request-id', bodyLimit: 1024,
  genReqId: (req) => req.headers['x-request-id'] || `req-${(++n).toString(36)}`,
});
fastify.addHook('onSend', async (req, reply) => { reply.header('X-Request-Id', req.id); });
const fail = (req, reply, status, code, message) =>
  reply.code(status).send({ statusCode: status, code, message, requestId: req.id });

fastify.get('/api/health', async () => ({ status: 'ok' }));
fastify.get('/api/payments/:id', async (req, reply) => {
  if (req.params.id !== 'pay_1') return fail(req, reply, 404, 'PAYMENT_NOT_FOUND', `No payment ${req.params.id}`);
  return { id: 'pay_1', amount: 4200, currency: 'EUR', status: 'captured' };
});
fastify.post('/api/payments', {
  schema: { body: { type: 'object', required: ['amount', 'currency'],
    properties: { amount: { type: 'integer', minimum: 1 }, currency: { type: 'string', minLength: 3, maxLength: 3 } } } },
}, async (req, reply) => {
  if (req.body.currency !== 'EUR') return fail(req, reply, 422, 'CURRENCY_NOT_SUPPORTED', `Currency ${req.body.currency} is not enabled for this merchant`);
  return reply.code(201).send({ id: 'pay_2', ...req.body });
});
fastify.post('/api/payments/:id/refund', async (req, reply) => fail(req, reply, 409, 'ALREADY_REFUNDED', 'Payment was already refunded'));
fastify.get('/api/admin/payouts', async (req, reply) => {
  if (!req.headers.authorization) { reply.header('WWW-Authenticate', 'Bearer realm="payments"'); return fail(req, reply, 401, 'UNAUTHORIZED', 'Missing bearer token'); }
  return fail(req, reply, 403, 'FORBIDDEN', 'Token lacks payouts:read');
});
fastify.get('/api/boom', async () => { throw new Error('ledger balance is negative'); });
fastify.get('/api/maintenance', async (req, reply) => { reply.header('Retry-After', '120'); return fail(req, reply, 503, 'MAINTENANCE', 'Payments are paused for a database upgrade'); });
fastify.get('/api/acquirer', async (req, reply) => { await new Promise((r) => setTimeout(r, 1000)); return fail(req, reply, 504, 'ACQUIRER_TIMEOUT', 'The acquirer did not answer within 1s'); });
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; });
fastify.get('/api/old-checkout', async (req, reply) => reply.redirect('/api/payments', 308));

fastify.listen({ port: Number(process.argv[2]), host: '127.0.0.1' }).catch((e) => { console.error(e); process.exit(1); });
