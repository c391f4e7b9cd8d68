// Round 78 (copied from round 76, from round 73): a Fastify 4 orders API (Saltmarsh) behind Squid as an
// accelerator. No request id of its own. Errors are the handlers' JSON in
// Fastify's own shape ({"statusCode","error","message"}); a body over the
// route's bodyLimit (64 KB on /api/uploads) gets Fastify's own 413
// (FST_ERR_CTP_BODY_TOO_LARGE), an unrouted path its default 404, a thrown
// error its default 500. /api/exports/:name answers a 200 KB report (Squid's
// reply_body_max_size is 100 KB); /api/imports/:name takes up to 10 MB.
// Order 1 is cacheable. `node fastify_app.js PORT`
// Round 78 runs it as a pool of replicas behind one front. Each process
// reads REPLICA (its name) and FLAG_DIR (a folder the capture script writes
// flags into): with FLAG_DIR/slow every request but /healthz waits 5 s first;
// with FLAG_DIR/draining every /api/ request gets the app's JSON 503 with
// Retry-After (the instance is shutting down; its /healthz still answers 200,
// the readiness check is not wired to the drain). /healthz answers 200 with
// the replica's name (Cache-Control: no-store).
// Fastify adds no header naming the replica.
'use strict';
const fs = require('fs');
const path = require('path');
const fastify = require('fastify')({ logger: false });
const fail = (reply, status, error, message) => reply.code(status).send({ statusCode: status, error, message });
// round 78: one replica of a pool
const REPLICA = process.env.REPLICA || 'saltmarsh-api-1';
const FLAG_DIR = process.env.FLAG_DIR || '';
const flag = (name) => FLAG_DIR !== '' && fs.existsSync(path.join(FLAG_DIR, name));
fastify.addHook('onRequest', async (req, reply) => {
  const p = req.url.split('?')[0];
  if (p === '/healthz') return;
  if (flag('slow')) await new Promise((r) => setTimeout(r, 5000));
  if (flag('draining') && p.startsWith('/api/')) {
    reply.header('Retry-After', '30');
    return fail(reply, 503, 'Service Unavailable', 'this instance is shutting down, retry the request');
  }
});
fastify.get('/healthz', async (req, reply) => { reply.header('Cache-Control', 'no-store'); return { status: 'ok', replica: REPLICA }; });
const ORDERS = { 1: { id: 1, ref: 'SM-1001', total: '64.00', currency: 'EUR', status: 'paid' } };

fastify.get('/api/orders/:id', async (req, reply) => {
  if (!/^\d+$/.test(req.params.id)) return fail(reply, 400, 'Bad Request', 'order id must be a number');
  const o = ORDERS[req.params.id];
  if (!o) return fail(reply, 404, 'Not Found', `order ${req.params.id} not found`);
  reply.header('Cache-Control', 'public, max-age=300').header('ETag', '"sm-order-1-v2"');
  return o;
});
fastify.post('/api/orders', async (req, reply) => {
  const ref = req.body && req.body.ref;
  if (!ref) return fail(reply, 422, 'Unprocessable Entity', 'body must have required property \'ref\'');
  if (ref === 'SM-1001') return fail(reply, 409, 'Conflict', `order ${ref} already exists`);
  return reply.code(201).send({ id: 2, ref, status: 'pending' });
});
fastify.post('/api/uploads', { bodyLimit: 64 * 1024 }, async (req, reply) => reply.code(201).send({ stored: JSON.stringify(req.body).length }));
fastify.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (req, body, done) => done(null, body));
fastify.post('/api/imports/:name', { bodyLimit: 10 * 1024 * 1024 }, async (req, reply) => reply.code(201).send({ imported: req.params.name, bytes: req.body.length }));
fastify.get('/api/account', async (req, reply) => { reply.header('WWW-Authenticate', 'Bearer realm="saltmarsh"'); return fail(reply, 401, 'Unauthorized', 'missing bearer token'); });
fastify.get('/api/admin', async (req, reply) => fail(reply, 403, 'Forbidden', 'admin scope required'));
fastify.get('/api/quota', async (req, reply) => { reply.header('Retry-After', '30'); return fail(reply, 429, 'Too Many Requests', 'rate limit exceeded, retry in 30 seconds'); });
fastify.get('/api/maintenance', async (req, reply) => { reply.header('Retry-After', '600'); return fail(reply, 503, 'Service Unavailable', 'orders are read-only during the nightly export'); });
fastify.get('/api/boom', async () => { throw new Error('ledger total mismatch'); });
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { ok: true, waited: 5 }; });
fastify.get('/api/exports/:name', async (req) => ({ export: req.params.name, rows: 'r'.repeat(200 * 1024) }));
fastify.get('/api/internal/:name', async (req) => ({ item: req.params.name, ok: true }));
const page = (code, reason, text) => `<!DOCTYPE html>
<html><head><title>${code} ${reason} - Saltmarsh</title></head>
<body><h1>${reason}</h1><p>${text}</p></body></html>
`;
fastify.get('/api/payments', async (req, reply) => reply.code(502).type('text/html; charset=utf-8').send(page(502, 'Bad Gateway', 'The payment provider did not answer.')));
fastify.get('/api/statements', async (req, reply) => reply.code(503).type('text/html; charset=utf-8').send(page(503, 'Service Unavailable', 'Statements are being rebuilt.')));

fastify.listen({ port: Number(process.argv[2] || 61320), host: '127.0.0.1' }).catch((e) => { console.error(e); process.exit(1); });
