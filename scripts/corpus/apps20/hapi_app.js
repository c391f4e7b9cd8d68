// Round-20 corpus: an accounts API on hapi 21 behind HAProxy. @hapi/boom
// errors as hapi formats them ({"statusCode","error","message"}), h.response()
// JSON for the team's own error bodies, hapi's default 404, payload 400 and
// 413, and its 500 for a thrown Error ("An internal server error occurred").
// `node hapi_app.js PORT`
'use strict';
const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');

async function main() {
  const server = Hapi.server({
    port: Number(process.argv[2]), host: '127.0.0.1',
    routes: { payload: { maxBytes: 1024 } },
  });
  const problem = (h, status, type, detail) => h.response({ type, detail, status }).code(status).type('application/problem+json');
  server.route([
    { method: 'GET', path: '/api/health', handler: () => ({ status: 'ok' }) },
    { method: 'GET', path: '/api/accounts/{id}', handler: (req, h) => {
      if (req.params.id !== '1') return problem(h, 404, 'account-not-found', `account ${req.params.id} does not exist`);
      return { id: 1, email: 'ada@example.test' };
    } },
    { method: 'POST', path: '/api/accounts', handler: (req, h) => {
      const p = req.payload || {};
      if (!p.email || !String(p.email).includes('@')) return problem(h, 422, 'invalid-email', 'email must be a valid address');
      return h.response({ id: 2, email: p.email }).code(201);
    } },
    { method: 'POST', path: '/api/accounts/{id}/close', handler: (req, h) => problem(h, 409, 'account-has-balance', 'close the open invoices first') },
    { method: 'GET', path: '/api/admin/audit', handler: () => { throw Boom.unauthorized('Missing authentication', 'Bearer'); } },
    { method: 'GET', path: '/api/accounts/{id}/limits', handler: (req, h) =>
      h.response({ error: 'rate_limited', message: 'too many requests' }).code(429).header('Retry-After', '30') },
    { method: 'GET', path: '/api/sessions/{id}', handler: () => { throw Boom.forbidden('session belongs to another account'); } },
    { method: 'GET', path: '/api/boom', handler: () => { throw new Error('ledger: deadlock detected'); } },
    { method: 'GET', path: '/api/maintenance', handler: () => { throw Boom.serverUnavailable('accounts are being migrated'); } },
    { method: 'GET', path: '/api/slow', handler: async () => { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; } },
  ]);
  await server.start();
}
main().catch((e) => { console.error(e); process.exit(1); });
