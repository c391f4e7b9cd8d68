// Round-91 corpus: the Cedar orders API (Fastify 4.29 on node 20).
// The team's setErrorHandler and setNotFoundHandler answer every error as
// RFC 9457 problem details (application/problem+json), including the app's
// own 502/503/504 about its dependencies and Fastify's own 400/415/413.
const fastify = require('fastify')({ logger: false, bodyLimit: 65536 });
const net = require('net');

const port = Number(process.argv[2]);
const TYPES = 'https://errors.cedar.test/';

function depCall(envname, timeoutMs) {
  return new Promise((resolve, reject) => {
    const [host, p] = process.env[envname].split(':');
    const s = net.connect(Number(p), host);
    const t = setTimeout(() => { s.destroy(); const e = new Error('timeout'); e.code = 'ETIMEDOUT'; reject(e); }, timeoutMs);
    s.on('connect', () => s.write('GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}
function problem(status, slug, title, detail) {
  const e = new Error(detail); e.statusCode = status; e.slug = slug; e.title = title; return e;
}

fastify.setErrorHandler((err, req, reply) => {
  const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
  const body = {
    type: TYPES + (err.slug || (status >= 500 ? 'internal' : (err.code || 'bad-request').toLowerCase())),
    title: err.title || (status >= 500 ? 'Internal Server Error' : 'Bad Request'),
    status,
    detail: status >= 500 && !err.slug ? 'An unexpected error occurred.' : err.message,
    instance: req.url,
  };
  if (status >= 500 && !err.slug) req.log.error(err);
  reply.code(status).type('application/problem+json').send(body);
});
fastify.setNotFoundHandler((req, reply) => {
  reply.code(404).type('application/problem+json').send({
    type: TYPES + 'not-found', title: 'Not Found', status: 404,
    detail: `No route matches ${req.method} ${req.url.split('?')[0]}`, instance: req.url,
  });
});

fastify.get('/api/orders/:id', async (req, reply) => {
  if (req.params.id !== '1') throw problem(404, 'order-not-found', 'Order not found', `order ${req.params.id} does not exist`);
  reply.header('Cache-Control', 'public, max-age=2').header('ETag', '"ce-1001-v1"');
  return { id: 1, ref: 'CE-1001', total: 41.5 };
});
fastify.post('/api/orders', {
  schema: { body: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
}, async (req, reply) => { reply.code(201); return { id: 2 }; });
fastify.get('/api/cart', async (req) => {
  if (req.query.coupon) { const t = undefined; return { discount: t.rate }; }
  return { items: [], currency: 'EUR' };
});
fastify.get('/api/inventory', async () => {
  try { await depCall('DEP_DOWN', 1000); } catch (e) {
    throw problem(502, 'inventory-unreachable', 'Inventory service unreachable', `connecting to the inventory service failed: ${e.code}`);
  }
  return { ok: true };
});
fastify.get('/api/payments', async (req, reply) => {
  try { await depCall('DEP_DOWN', 1000); } catch (e) {
    reply.header('Retry-After', '30');
    throw problem(503, 'payments-unavailable', 'Payments unavailable', 'the payment provider is unavailable; try again shortly');
  }
  return { ok: true };
});
fastify.get('/api/quotes', async () => {
  try { await depCall('DEP_SLOW', 1000); } catch (e) {
    throw problem(504, 'pricing-timeout', 'Pricing service timed out', 'the pricing service did not answer within 1s');
  }
  return { ok: true };
});
fastify.get('/api/report', async () => { await new Promise((r) => setTimeout(r, 6000)); return { rows: 0 }; });
fastify.get('/healthz', async () => ({ status: 'ok' }));

fastify.listen({ port, host: '127.0.0.1' });
