// Round 96: a Fastify 4 catalog API (Quillon Paper Co.) behind Squid as a
// reverse accelerator: `node fastify_catalog.js PORT`. Fastify sends no
// Server header. Round 74's catalog paths: /api/products/1 (public,
// max-age=300, a strong ETag, Last-Modified), /api/rates (public,
// max-age=2), the 404 for product 9 (public, max-age=120); everything else
// says no-store. Fastify's defaults are left as they are: an unrouted path is
// its JSON "Route GET:... not found" 404, a thrown error its JSON 500, a bad
// JSON body its FST_ERR_CTP_INVALID_JSON_BODY 400 (no custom error handler).
'use strict';
const fastify = require('fastify')({ logger: false });

const port = Number(process.argv[2] || 59702);
const LM = 'Mon, 02 Jun 2025 08:00:00 GMT';
const cached = (reply, age, etag) => reply.headers({ 'cache-control': `public, max-age=${age}`, etag: `"${etag}"`, 'last-modified': LM });
const fail = (reply, status, code, message, age) => {
  reply.header('cache-control', age ? `public, max-age=${age}` : 'no-store');
  return reply.code(status).send({ error: { code, message } });
};

fastify.get('/api/products/:id', async (req, reply) => {
  const id = req.params.id;
  if (!/^\d+$/.test(id)) return fail(reply, 400, 'BAD_REQUEST', 'product id must be a number');
  if (id === '1') { cached(reply, 300, 'qp-p1-v5'); return { id: 1, sku: 'QP-A4-80', name: 'A4 paper, 80 g, 500 sheets', price: '6.90' }; }
  return fail(reply, 404, 'NOT_FOUND', `product ${id} not found`, id === '9' ? 120 : 0);
});
fastify.get('/api/rates', async (req, reply) => { cached(reply, 2, 'qp-rates-v27'); return { EUR: 1, USD: '1.0842', as_of: '2025-06-02' }; });
fastify.get('/api/orders/:id', async (req, reply) => fail(reply, 404, 'NOT_FOUND', `order ${req.params.id} not found`));
fastify.post('/api/orders', async (req, reply) => {
  const b = req.body || {};
  if (!b.sku) return fail(reply, 422, 'VALIDATION_FAILED', 'sku is required');
  reply.header('cache-control', 'no-store').code(201);
  return { id: 6120, sku: b.sku, status: 'pending' };
});
fastify.get('/api/account', async (req, reply) => {
  reply.header('www-authenticate', 'Bearer realm="quillon"');
  return fail(reply, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
});
fastify.get('/api/quota', async (req, reply) => { reply.header('retry-after', '30'); return fail(reply, 429, 'RATE_LIMITED', 'too many requests for this key'); });
fastify.get('/api/maintenance', async (req, reply) => { reply.header('retry-after', '600'); return fail(reply, 503, 'MAINTENANCE', 'the catalog is read-only during the nightly import'); });
fastify.get('/api/boom', async () => { throw new Error('price list checksum mismatch'); });
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { ok: true, waited: 5 }; });
fastify.get('/api/statements', async (req, reply) => {
  reply.header('cache-control', 'no-store').code(503).type('text/html; charset=utf-8');
  return `<!DOCTYPE html>
<html><head><title>503 Service Unavailable - Quillon Paper Co.</title></head>
<body><h1>Service Unavailable</h1><p>Statements are being rebuilt. Try again later.</p></body></html>
`;
});

fastify.listen({ port, host: '127.0.0.1' }).catch(() => process.exit(1));
