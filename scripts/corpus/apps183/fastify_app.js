// Round 183: round 101's Fastify tickets API (apps101/fastify_app.js) with routes
// added: DELETE /api/tickets/:id -> an empty 204; GET /api/catalog -> JSON with
// an ETag and the route's own 304 on a matching If-None-Match; /api/maintenance
// -> a JSON 503 with Retry-After in Fastify's error shape.
// Round-101 corpus: a tickets API on Fastify 4.29 (BRAND names it: the
// Caddy setup runs "Quay", the Squid setup "Wharf"). Errors are Fastify's
// own shape ({statusCode, code?, error, message}): schema validation 400
// (FST_ERR_VALIDATION), the body limit 413 (bodyLimit 8 KB,
// FST_ERR_CTP_BODY_TOO_LARGE), its "Route GET:... not found" 404, a thrown
// Error 500, errors with statusCode from an onRequest auth hook (401/403),
// 404/409 from handlers, a @fastify/rate-limit-shaped 429, /readyz 503.
// Ticket 1 and /api/rates are cacheable (ETag, Last-Modified).
const fastify = require('fastify');
const port = Number(process.argv[2]);
const BRAND = process.env.BRAND || 'Quay';
const app = fastify({ bodyLimit: 8192 });
const TICKET = { id: 1, title: `${BRAND}: printer on floor 3 is on fire`, priority: 'high', status: 'open' };
const httpErr = (code, msg) => Object.assign(new Error(msg), { statusCode: code });
app.addHook('onRequest', async (req) => {
  if (!req.url.startsWith('/api/me') && !req.url.startsWith('/api/admin/')) return;
  const a = req.headers.authorization || '';
  if (!a.startsWith('Bearer ')) throw httpErr(401, 'missing bearer token');
  if (!['Bearer user-token', 'Bearer admin-token'].includes(a)) throw httpErr(401, 'invalid token');
  req.role = a === 'Bearer admin-token' ? 'admin' : 'user';
  if (req.url.startsWith('/api/admin/') && req.role !== 'admin') throw httpErr(403, 'admin role required');
});
app.get('/api/tickets/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } }, async (req, reply) => {
  if (req.params.id !== 1) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `ticket ${req.params.id} not found` });
  reply.header('Cache-Control', 'public, max-age=60').header('ETag', '"tk-1-v4"').header('Last-Modified', 'Tue, 01 Dec 2026 08:00:00 GMT');
  return TICKET;
});
app.get('/api/rates', async (req, reply) => {
  reply.header('Cache-Control', 'public, max-age=60').header('Last-Modified', 'Tue, 01 Dec 2026 08:00:00 GMT');
  return { currency: 'EUR', hourly: 85 };
});
app.post('/api/tickets', { schema: { body: { type: 'object', required: ['title'], properties: { title: { type: 'string', minLength: 3 }, priority: { enum: ['low', 'high'] } } } } }, async (req, reply) => {
  if (req.body.title === TICKET.title) throw httpErr(409, 'a ticket with this title is already open');
  return reply.code(201).header('Location', '/api/tickets/2').send({ id: 2, ...req.body, status: 'open' });
});
app.get('/api/me', async (req) => ({ user: req.role === 'admin' ? 'ops-admin' : 'dana', role: req.role }));
app.get('/api/admin/stats', async () => ({ open: 12, closed: 340 }));
let hits = [];
app.get('/api/search', async (req, reply) => {
  const now = Date.now(); hits = hits.filter((t) => now - t < 60000); hits.push(now);
  reply.header('x-ratelimit-limit', 2).header('x-ratelimit-remaining', Math.max(0, 2 - hits.length)).header('x-ratelimit-reset', 60);
  if (hits.length > 2) return reply.code(429).header('retry-after', 60).send({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 1 minute' });
  return { results: [TICKET] };
});
app.get('/api/boom', async () => { throw new Error('Cannot read properties of undefined (reading \'assignee\')'); });
app.get('/api/v1/tickets/:id', async (req, reply) => reply.redirect(301, `/api/tickets/${req.params.id}`));
app.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 5000)); return { slow: true }; });
app.get('/api/reset', (req) => { req.raw.socket.destroy(); });
app.delete('/api/tickets/:id', async (req, reply) => reply.code(204).send());
app.get('/api/catalog', async (req, reply) => {
  reply.header('ETag', '"gl-catalog-v3"').header('Cache-Control', 'no-cache');
  if (req.headers['if-none-match'] === '"gl-catalog-v3"') return reply.code(304).send();
  return { items: [{ sku: 'GL-TAPE', price: '3.20' }] };
});
app.get('/api/maintenance', async (req, reply) => reply.code(503).header('Retry-After', '900').send({ statusCode: 503, error: 'Service Unavailable', message: 'tickets are read-only during the storage migration' }));
app.get('/healthz', async () => ({ status: 'ok' }));
app.get('/readyz', async (req, reply) => reply.code(503).send({ status: 'not_ready', checks: { database: 'down', queue: 'ok' } }));
app.listen({ port, host: '127.0.0.1' });
