// Round-55 corpus: the Ledgerly invoices API on Fastify 4 (routes as in
// fastapi_app.py). Listens on 127.0.0.1:PORT. No request id is set.
const path = require('path');
const { page, INVOICES } = require(path.join(__dirname, 'pages.js'));
const fastify = require('fastify')({ logger: false });
const port = Number(process.argv[2]);

const err = (reply, status, code, message, headers = {}) =>
  reply.code(status).headers(headers).send({ error: code, message });

fastify.get('/api/invoices/:id', async (req, reply) => {
  const inv = INVOICES[req.params.id];
  return inv ? inv : err(reply, 404, 'invoice_not_found', `no invoice ${req.params.id}`);
});
fastify.post('/api/invoices', async (req, reply) => {
  const b = req.body;
  if (!b || typeof b !== 'object' || !('ref' in b)) return err(reply, 422, 'validation_failed', "field 'ref' is required");
  if (b.ref === 'LG-1001') return err(reply, 409, 'duplicate_ref', `an invoice with ref ${b.ref} already exists`);
  return reply.code(201).send({ id: 2, ref: b.ref, status: 'draft' });
});
fastify.get('/api/account', async (req, reply) =>
  err(reply, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="ledgerly"' }));
fastify.get('/api/admin', async (req, reply) => err(reply, 403, 'forbidden', 'your role may not open the admin area'));
fastify.get('/api/quota', async (req, reply) =>
  err(reply, 429, 'rate_limited', '100 requests per minute per key', { 'Retry-After': '30' }));
fastify.get('/api/maintenance', async (req, reply) =>
  err(reply, 503, 'maintenance', 'invoices are read-only during the ledger migration', { 'Retry-After': '120' }));
for (const [p, s] of [['/api/payments', 502], ['/api/statements', 503], ['/api/bank', 504]]) {
  fastify.get(p, async (req, reply) => reply.code(s).type('text/html; charset=utf-8').send(page(s)));
}
fastify.get('/api/boom', async () => { throw new Error('ledger total overflow'); });
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { slow: true }; });
fastify.get('/healthz', async (req, reply) => reply.type('text/plain').send('ok'));

fastify.listen({ host: '127.0.0.1', port }).catch((e) => { console.error(e); process.exit(1); });
