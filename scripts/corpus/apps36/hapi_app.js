// hapi: a tickets API (round 36, behind Caddy).
'use strict';
const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');
const crypto = require('crypto');

const init = async () => {
  const server = Hapi.server({ port: Number(process.argv[2]), host: '127.0.0.1',
    routes: { payload: { maxBytes: 1024 } } });
  server.ext('onPreResponse', (request, h) => {
    const rid = request.headers['x-request-id'] || crypto.randomUUID();
    const r = request.response;
    if (r.isBoom) r.output.headers['x-request-id'] = rid; else r.header('x-request-id', rid);
    return h.continue;
  });
  server.route({ method: 'GET', path: '/api/tickets/{id}', handler: (req, h) => {
    if (req.params.id === '1') return { id: 1, subject: 'Printer on fire', state: 'open' };
    throw Boom.notFound(`Ticket ${req.params.id} does not exist`);
  } });
  server.route({ method: 'POST', path: '/api/tickets', handler: (req, h) => {
    const p = req.payload || {};
    if (!p.subject) throw Boom.badRequest('subject is required');
    return h.response({ id: 2 }).code(201);
  } });
  server.route({ method: 'POST', path: '/api/tickets/{id}/close', handler: () => {
    throw Boom.conflict('Ticket is already closed');
  } });
  server.route({ method: 'GET', path: '/api/admin/audit', handler: (req) => {
    if (!req.headers.authorization) throw Boom.unauthorized('Missing token', 'Bearer');
    throw Boom.forbidden('Agents cannot read the audit log');
  } });
  server.route({ method: 'GET', path: '/api/search', handler: (req, h) => {
    return h.response({ error: 'rate_limited', message: 'Search is limited to 5 requests per second',
      retry_after: 2 }).code(429).header('Retry-After', '2');
  } });
  server.route({ method: 'GET', path: '/api/boom', handler: () => { throw new TypeError("Cannot read properties of undefined (reading 'agent')"); } });
  server.route({ method: 'GET', path: '/api/maintenance', handler: () => {
    throw Boom.serverUnavailable('Helpdesk is in maintenance mode');
  } });
  server.route({ method: 'GET', path: '/api/slow', handler: async () => {
    await new Promise(r => setTimeout(r, 5000)); return { ok: true };
  } });
  server.route({ method: 'POST', path: '/api/attachments', handler: (req) => ({ ok: true }) });
  server.route({ method: 'GET', path: '/tickets/{id}', handler: (req, h) => h.redirect(`/api/tickets/${req.params.id}`).code(301) });
  await server.start();
  console.log('hapi on', server.info.uri);
};
process.on('unhandledRejection', (e) => { console.error(e); process.exit(1); });
init();
