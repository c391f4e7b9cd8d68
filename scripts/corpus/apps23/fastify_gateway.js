// Round-23 corpus: a Fastify gateway on @fastify/http-proxy.
// /orders -> the orders service (replyOptions default, http timeout 1.5 s);
// /reviews -> a service that is not running (the plugin's stock error);
// /ledger -> a service that resets; a custom setErrorHandler is NOT set, so
// Fastify's default error serializer writes the plugin's errors.
'use strict';
const fastify = require('fastify')({ logger: false });
const proxy = require('@fastify/http-proxy');

const port = Number(process.argv[2] || 41025);
const ORDERS = process.env.ORDERS_URL || 'http://127.0.0.1:41010';

fastify.register(proxy, { upstream: ORDERS, prefix: '/orders', rewritePrefix: '/api', http: { requestOptions: { timeout: 1500 } } });
fastify.register(proxy, { upstream: 'http://127.0.0.1:41019', prefix: '/reviews', rewritePrefix: '/api' });
fastify.register(proxy, { upstream: 'http://127.0.0.1:41011', prefix: '/ledger', rewritePrefix: '/api' });
fastify.listen({ port, host: '127.0.0.1' });
