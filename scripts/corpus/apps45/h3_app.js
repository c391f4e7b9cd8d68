'use strict';
// Round-45 corpus: the orders API on h3 1.x (createApp + createRouter on
// node:http).   node h3_app.js PORT
//
// h3's own answers are JSON ({"statusCode", "statusMessage", "message"}):
// createError() from the handlers, the preemptive router's 404 for a path no
// route has and its 405 for a method the route lacks, and its 500 for an uncaught exception.
// /api/catalog is cacheable (for Squid).

const http = require('node:http');
const h3 = require('h3');
const { ORDER, CATALOG, CATALOG_HEADERS, portArg, sleep } = require('./common');

const { createApp, createRouter, defineEventHandler, createError, readBody, readRawBody, setResponseStatus,
  setResponseHeaders, getRequestHeader, toNodeListener } = h3;

const app = createApp();
const router = createRouter({ preemptive: true });
const json = (event, status, body, headers = {}) => {
  setResponseStatus(event, status);
  setResponseHeaders(event, headers);
  return body;
};

router.get('/api/health', defineEventHandler(() => ({ status: 'ok' })));
router.get('/api/catalog', defineEventHandler((event) => json(event, 200, CATALOG, CATALOG_HEADERS)));
router.get('/api/orders/:oid', defineEventHandler((event) => {
  const { oid } = event.context.params;
  if (oid === '1') return ORDER;
  throw createError({ statusCode: 404, statusMessage: `Order ${oid} not found` });
}));
router.post('/api/orders', defineEventHandler(async (event) => {
  const body = await readBody(event);
  if (!body || typeof body.qty !== 'number' || body.qty < 1) {
    throw createError({ statusCode: 400, statusMessage: 'Bad Request', data: { qty: 'must be at least 1' } });
  }
  return json(event, 201, { id: 2, sku: body.sku, qty: body.qty, status: 'pending' }, { Location: '/api/orders/2' });
}));
router.get('/api/admin/reports', defineEventHandler((event) => {
  const auth = getRequestHeader(event, 'authorization') || '';
  if (!auth.startsWith('Bearer ')) {
    return json(event, 401, { error: 'unauthorized', message: 'a bearer token is required' },
      { 'WWW-Authenticate': 'Bearer realm="orders"' });
  }
  if (auth !== 'Bearer admin-token') throw createError({ statusCode: 403, statusMessage: 'Forbidden', data: { scope: 'reports:read' } });
  return { reports: [] };
}));
router.post('/api/orders/:oid/cancel', defineEventHandler((event) =>
  json(event, 409, { error: 'conflict', message: `order ${event.context.params.oid} has already shipped` })));
router.get('/api/limited', defineEventHandler((event) =>
  json(event, 429, { error: 'rate_limited', message: 'too many requests, retry in 30 s' }, { 'Retry-After': '30' })));
router.get('/api/boom', defineEventHandler(() => { const totals = {}; return totals.EUR.amount; })); // TypeError
router.get('/api/maintenance', defineEventHandler((event) =>
  json(event, 503, { error: 'maintenance', message: 'orders are read-only during the migration' }, { 'Retry-After': '120' })));
router.get('/api/slow', defineEventHandler(async () => { await sleep(5000); return { status: 'late' }; }));
router.post('/api/upload', defineEventHandler(async (event) => {
  const raw = await readRawBody(event, false);
  return { received: raw ? raw.length : 0 };
}));
app.use(router);

http.createServer(toNodeListener(app)).listen(portArg(process.argv[2]), '127.0.0.1');
