// Round-42 corpus: an invoices API on hapi, behind Apache (mod_proxy_http).
// Boom errors from the handlers; hapi's own JSON for what it answers itself
// (no route 404, payload 400 and 413, an uncaught error's 500).
// `node hapi_app.js PORT`
'use strict';
const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const server = Hapi.server({ host: '127.0.0.1', port: Number(process.argv[2]), routes: { payload: { maxBytes: 16384 } } });
  server.route([
    { method: 'GET', path: '/api/invoices/{id}', handler: (req, h) => {
      if (req.params.id !== 'INV-1') throw Boom.notFound(`Invoice ${req.params.id} not found`);
      return { id: 'INV-1', total: 12000, currency: 'EUR' };
    } },
    { method: 'POST', path: '/api/invoices', handler: (req, h) => {
      const p = req.payload || {};
      if (!p.customer) throw Boom.badData('customer is required');
      return h.response({ id: 'INV-2' }).code(201);
    } },
    { method: 'GET', path: '/api/admin/exports', handler: (req) => {
      if (!req.headers.authorization) throw Boom.unauthorized('Missing authentication', 'Bearer');
      throw Boom.forbidden('Exports are limited to finance admins');
    } },
    { method: 'GET', path: '/api/reports', handler: (req, h) => {
      throw Boom.tooManyRequests('Report generation quota exceeded');
    } },
    { method: 'GET', path: '/api/boom', handler: (req) => { const c = undefined; return c.total; } },
    { method: 'GET', path: '/api/maintenance', handler: () => { throw Boom.serverUnavailable('Ledger is closed for month-end'); } },
    { method: 'GET', path: '/api/ledger', handler: async () => { await sleep(1000); throw Boom.gatewayTimeout('Ledger service did not answer within 1s'); } },
    { method: 'GET', path: '/api/slow', handler: async () => { await sleep(5000); return { status: 'late' }; } },
    { method: 'GET', path: '/api/hangup', handler: async (req) => { await sleep(200); req.raw.req.socket.destroy(); return {}; } },
    { method: 'GET', path: '/invoices/{id}', handler: (req, h) => h.redirect(`/api/invoices/${req.params.id}`).permanent() },
  ]);
  await server.start();
}
main();
