// Round-47 corpus: an API gateway on Fastify 5 with @fastify/http-proxy,
// @fastify/jwt and @fastify/rate-limit, in front of the Go shipments API
// (net/http). The plugins' stock replies are left as they are:
//   /api/*        a JWT (HS256) checked in a preHandler; POST and DELETE need
//                 the "shipments:write" scope (the hook's own JSON 403)
//   /api/rates/*  @fastify/rate-limit (route config), 1 a minute, before the JWT
//   /tracking/*   no auth (public tracking page), forwarded to the same API
//   /returns/*    forwarded to a returns service that is not running
//   bodyLimit 1 KiB (proxyPayloads false on /api, so Fastify parses the JSON
//   and its own 413 applies); http.requestOptions.timeout 2000 ms (a 504)
//   /api/reports/* the preHandler also copies X-Tenant into X-Tenant-Id in
//                 lower case, with a bug: no X-Tenant header throws (Fastify's 500)
// node fastify_gateway.js PORT UPSTREAM DEAD_UPSTREAM
'use strict';
const Fastify = require('fastify');

const [port, upstream, deadUpstream] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const app = Fastify({ logger: false, bodyLimit: 1024 });

app.register(require('@fastify/jwt'), { secret: 'round47-shipping-signing-key' });
app.register(require('@fastify/rate-limit'), { global: false });

async function auth(request, reply) {
  await request.jwtVerify();
  if (['POST', 'DELETE'].includes(request.method) && !(request.user.scope || '').split(' ').includes('shipments:write')) {
    return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'token lacks the shipments:write scope' });
  }
}
const http = { requestOptions: { timeout: 2000 } };

app.register(require('@fastify/http-proxy'), {
  upstream, prefix: '/api/reports', rewritePrefix: '/api/reports', http,
  preHandler: async (request, reply) => {
    await auth(request, reply);
    request.headers['x-tenant-id'] = request.headers['x-tenant'].toLowerCase(); // TypeError without X-Tenant
  },
});
app.register(require('@fastify/http-proxy'), {
  upstream, prefix: '/api/rates', rewritePrefix: '/api/rates', preHandler: auth, http,
  config: { rateLimit: { max: 1, timeWindow: '1 minute' } },
});
// proxyPayloads false: Fastify parses JSON bodies itself, so bodyLimit applies
app.register(require('@fastify/http-proxy'), { upstream, prefix: '/api', rewritePrefix: '/api', preHandler: auth, http, proxyPayloads: false });
app.register(require('@fastify/http-proxy'), {
  upstream, prefix: '/tracking', rewritePrefix: '/api/shipments', http,
});
app.register(require('@fastify/http-proxy'), {
  upstream: deadUpstream, prefix: '/returns', rewritePrefix: '/api/returns', http,
});

app.listen({ port, host: '127.0.0.1' });
