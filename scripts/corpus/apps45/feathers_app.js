'use strict';
// Round-45 corpus: the orders API on Feathers 5 (the Express transport),
// NODE_ENV=production.   node feathers_app.js PORT
//
// Services throw Feathers' errors (NotFound, BadRequest, NotAuthenticated,
// Forbidden, Conflict, TooManyRequests, Unavailable); a service method that
// does not exist is Feathers' own 405 (MethodNotAllowed); an unknown path is
// express.notFound()'s NotFound; an uncaught exception becomes GeneralError
// 500 in Feathers' error handler. /api/catalog is cacheable (for Varnish).

const { feathers } = require('@feathersjs/feathers');
const express = require('@feathersjs/express');
const errors = require('@feathersjs/errors');
const { ORDER, CATALOG, CATALOG_HEADERS, portArg, sleep } = require('./common');

const app = express.default(feathers());
app.use(express.json({ limit: '10mb' }));
app.use(express.raw({ type: 'application/octet-stream', limit: '10mb' }));
app.configure(express.rest());

app.get('/api/catalog', (req, res) => { res.set(CATALOG_HEADERS).json(CATALOG); });
app.get('/api/health', (req, res) => res.json({ status: 'ok' }));

app.use('/api/orders', {
  async get(id) {
    if (String(id) === '1') return ORDER;
    throw new errors.NotFound(`order ${id} not found`);
  },
  async create(data) {
    if (!data || typeof data.qty !== 'number' || data.qty < 1) {
      throw new errors.BadRequest('qty must be at least 1', { errors: { qty: 'minimum 1' } });
    }
    return { id: 2, sku: data.sku, qty: data.qty, status: 'pending' };
  },
});
app.use('/api/orders/:oid/cancel', {
  async create(data, params) { throw new errors.Conflict(`order ${params.route.oid} has already shipped`); },
});
app.use('/api/admin/reports', {
  async find(params) {
    const auth = params.headers.authorization || '';
    if (!auth.startsWith('Bearer ')) throw new errors.NotAuthenticated('a bearer token is required');
    if (auth !== 'Bearer admin-token') throw new errors.Forbidden('reports:read scope required');
    return { reports: [] };
  },
});
app.use('/api/limited', { async find() { throw new errors.TooManyRequests('too many requests, retry in 30 s'); } });
app.use('/api/boom', {
  async find() { const totals = {}; return { total: totals.EUR.amount }; }, // TypeError: not handled
});
app.use('/api/maintenance', {
  async find() { throw new errors.Unavailable('orders are read-only during the migration'); },
});
app.use('/api/slow', { async find() { await sleep(5000); return { status: 'late' }; } });
app.use('/api/upload', { async create(data, params) { return { received: Number(params.headers['content-length'] || 0) }; } });
app.hooks({ before: { all: [(ctx) => { ctx.params.headers = ctx.params.headers || {}; }] } });

app.use(express.notFound());
app.use(express.errorHandler({ logger: null }));
app.listen(portArg(process.argv[2]), '127.0.0.1');
