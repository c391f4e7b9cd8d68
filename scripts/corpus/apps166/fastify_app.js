// Round 166: the Ashcombe parcels API on Fastify 4 (Node 20). The team's
// setErrorHandler answers every thrown error as {"error": {"code", "message"}}
// (no status number in the body), setNotFoundHandler the same for unrouted
// paths; /api/payments and /api/maintenance send the team's own HTML 502 and
// 503 pages (a dependency refused, maintenance); /api/rates the team's JSON
// 504 (carrier timed out); /api/search a 429 with Retry-After; /api/boom
// throws; /api/slow answers after 6 s. The front's X-Request-ID is echoed
// only in the HTML pages.
//   node fastify_app.js PORT
'use strict';
const fastify = require('fastify')({ logger: false });
const port = Number(process.argv[2]);

class ApiError extends Error {
  constructor(status, code, message, headers) {
    super(message); this.statusCode = status; this.code = code; this.headers = headers || {};
  }
}
const page = (status, title, text, rid) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${status} ${title} | Ashcombe Parcels</title></head>
<body class="ac-error"><h1>${title}</h1>
<p>${text}</p>
<p><small>Reference ${rid}</small></p></body></html>
`;
const rid = (req) => req.headers['x-request-id'] || '-';

fastify.get('/api/parcels/:id', async (req) => {
  if (req.params.id !== '1') throw new ApiError(404, 'PARCEL_NOT_FOUND', `parcel ${req.params.id} does not exist`);
  return { id: 1, status: 'in_transit', depot: 'Leeds' };
});
fastify.post('/api/parcels', async (req, reply) => {
  if (!req.body || typeof req.body.weight_kg !== 'number') throw new ApiError(422, 'INVALID_PARCEL', 'weight_kg must be a number');
  reply.code(201); return { id: 2 };
});
fastify.get('/api/search', async () => { throw new ApiError(429, 'RATE_LIMITED', 'too many searches, retry in 30 s', { 'Retry-After': '30' }); });
fastify.get('/api/payments', async (req, reply) => {
  reply.code(502).type('text/html; charset=utf-8');
  return page(502, 'Bad Gateway', 'Our payment provider refused the connection. Your card was not charged.', rid(req));
});
fastify.get('/api/maintenance', async (req, reply) => {
  reply.code(503).header('Retry-After', '900').type('text/html; charset=utf-8');
  return page(503, 'Service Unavailable', 'Ashcombe Parcels is down for planned maintenance until 02:00 UTC.', rid(req));
});
fastify.get('/api/rates', async () => { throw new ApiError(504, 'CARRIER_TIMEOUT', 'the carrier rate service did not answer within 10 s'); });
fastify.get('/api/boom', async () => { const x = undefined; return x.total; });
fastify.get('/api/slow', async () => { await new Promise((r) => setTimeout(r, 6000)); return { slow: true }; });

fastify.setNotFoundHandler((req, reply) => {
  reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `no route for ${req.method} ${req.url}` } });
});
fastify.setErrorHandler((err, req, reply) => {
  const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
  const code = err instanceof ApiError ? err.code : (status === 500 ? 'INTERNAL' : (err.code || 'BAD_REQUEST'));
  const message = status === 500 ? 'unexpected error, the team has been alerted' : err.message;
  if (err.headers) reply.headers(err.headers);
  reply.code(status).send({ error: { code, message } });
});
fastify.listen({ port, host: '127.0.0.1' });
