// Round 124: the orders API of round 99 ("Sorrel" here) (apps99/koa_app.js) ported to
// Fastify 4, same routes, same flags and environment (FLAG_DIR, DATA_DIR,
// DEPLOY, DEP_DOWN, DEP_SLOW, CHECKOUT_KEY, REPLICA), run on Bun behind Squid.
// Its own errors are Fastify's JSON ({"statusCode","error","message"}); an
// unknown route is Fastify's JSON 404, a thrown TypeError its JSON 500.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const fastify = require('fastify');
const app = fastify({ logger: false });
const FLAG_DIR = process.env.FLAG_DIR || '/nonexistent';
const DATA_DIR = process.env.DATA_DIR || '/tmp';
const DEPLOY = process.env.DEPLOY || 'v1';
let warm = false;

const flag = (n) => fs.existsSync(path.join(FLAG_DIR, n));
function busy(ms) { const end = Date.now() + ms; while (Date.now() < end) { /* one event loop */ } }
function dep(envname, ms) {
  const [host, port] = process.env[envname].split(':');
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port: Number(port) });
    const t = setTimeout(() => { s.destroy(); reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })); }, ms);
    s.on('connect', () => s.write('GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}
function httpError(code, message, headers) {
  return Object.assign(new Error(message), { statusCode: code, headers });
}

app.addHook('onRequest', async () => { if (!warm) { busy(1500); warm = true; } });
app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => done(null, body));

if (DEPLOY !== 'v2') {
  app.get('/api/orders/:id', async (req, reply) => {
    const id = Number(req.params.id);
    if (id !== 1 && id !== 2) throw httpError(404, `order ${id} does not exist`);
    const etag = `"so-100${id}-v1"`;
    reply.header('Cache-Control', 'public, max-age=2').header('ETag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return { id, ref: `SO-100${id}`, replica: process.env.REPLICA || 'sorrel-1' };
  });
}
app.delete('/api/orders/:id/hold', async (req, reply) => reply.code(204).send());
app.get('/api/account', async (req, reply) => {
  if (req.headers.authorization !== 'Bearer oncall-t0ken') {
    reply.header('WWW-Authenticate', 'Bearer realm="sorrel"');
    throw httpError(401, 'missing or invalid bearer token');
  }
  return { user: 'oncall', plan: 'team' };
});
app.get('/api/cart', async () => {
  if (DEPLOY === 'v2') throw new TypeError("Cannot read properties of undefined (reading 'ttl')");
  return { items: [], currency: 'EUR' };
});
app.get('/api/inventory', async () => {
  try { await dep('DEP_DOWN', 1000); } catch (e) { throw httpError(502, `inventory service unreachable: ${e.code}`); }
  return { ok: true };
});
app.get('/api/quotes', async () => {
  try { await dep('DEP_SLOW', 1000); } catch (e) { throw httpError(504, 'pricing service did not answer within 1s'); }
  return { ok: true };
});
app.get('/api/payments', async (req, reply) => {
  try { await dep('DEP_DOWN', 1000); } catch (e) { reply.header('Retry-After', '30'); throw httpError(503, 'payment provider unavailable'); }
  return { ok: true };
});
app.get('/api/search', async (req, reply) => {
  if (flag('overloaded')) return reply.code(429).header('Retry-After', '10').send({ error: 'rate_limited', message: 'too many requests: search is shedding load' });
  return { results: [] };
});
app.get('/api/bulk', async (req, reply) => {
  if (flag('overloaded')) return reply.code(503).header('Retry-After', '20').send({ error: 'overloaded', message: 'worker queue full (64/64), try again later' });
  return { queued: 0 };
});
app.post('/api/receipts', async (req, reply) => {
  const body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body || '');
  if (!body.includes('amount')) return reply.code(422).send({ error: 'invalid', message: 'amount is required' });
  fs.appendFileSync(path.join(DATA_DIR, 'receipts.log'), body + '\n');
  return reply.code(201).send({ stored: true });
});
app.get('/api/export', async () => { busy(6000); return { rows: 0 }; });
app.get('/healthz', async (req, reply) => (flag('unhealthy') ? reply.code(503).send({ status: 'fail' }) : { status: 'ok' }));
app.listen({ port: Number(process.argv[2] || 62016), host: '127.0.0.1' });
