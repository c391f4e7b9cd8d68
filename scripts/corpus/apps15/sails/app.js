// Round-15 corpus: the orders API on Sails 1.5, lifted from this file (an
// API-only app: no views, no sockets, no ORM), NODE_ENV=production.
// node app.js PORT   (run in a scratch directory: Sails reads config/ and
// api/ there, and finds none, so everything is configured below)
'use strict';
const Sails = require('sails').constructor;
const sleep = ms => new Promise(r => setTimeout(r, ms));

// a policy, as config/policies.js would map it: a Bearer token is needed
function isLoggedIn(req, res, proceed) {
  if (!req.get('authorization')) return res.status(401).json({ error: 'E_UNAUTHORIZED', message: 'You must be logged in.' });
  return proceed();
}

const routes = {
  'GET /api/health': (req, res) => res.json({ status: 'ok' }),
  'GET /api/orders/:id': (req, res) => {
    if (req.param('id') !== '1') return res.notFound();
    return res.json({ id: 1, sku: 'A-1', qty: 2 });
  },
  'POST /api/orders': (req, res) => {
    const b = req.body || {};
    if (!b.sku || !(Number.isInteger(b.qty) && b.qty > 0)) {
      return res.badRequest({ code: 'E_INVALID_NEW_RECORD', problems: ['"qty" must be an integer >= 1', ...(b.sku ? [] : ['"sku" is required'])] });
    }
    return res.status(201).json({ id: 2, sku: b.sku, qty: b.qty });
  },
  'POST /api/orders/:id/cancel': (req, res) => res.status(409).json({ code: 'E_ALREADY_SHIPPED', message: 'Order already shipped' }),
  'GET /api/me': (req, res) => isLoggedIn(req, res, () => res.json({ id: 7, name: 'dana' })),
  'GET /api/admin/reports': (req, res) => isLoggedIn(req, res, () => res.forbidden()),
  'GET /api/limited': (req, res) => res.set('Retry-After', '30').status(429).json({ code: 'E_TOO_MANY_REQUESTS', message: 'Slow down: 30 requests per minute' }),
  'GET /api/boom': async (req, res) => {
    const order = await Promise.resolve(null);
    return res.json({ total: order.qty * 3 });  // TypeError: a real bug
  },
  'GET /api/report': (req, res) => res.serverError(new Error('report generation failed')),
  'GET /api/maintenance': (req, res) => res.set('Retry-After', '120').status(503).json({ code: 'E_MAINTENANCE', message: 'Back in a few minutes' }),
  'GET /api/inventory': async (req, res) => {
    await sleep(1000);
    return res.status(504).json({ code: 'E_UPSTREAM_TIMEOUT', message: 'Inventory service did not respond within 1000ms' });
  },
  'GET /api/slow': async (req, res) => { await sleep(5000); return res.json({ status: 'late' }); },
  'GET /api/catalog': (req, res) => res.set('Cache-Control', 'public, max-age=60').json({ items: [{ sku: 'A-1', price: 1200 }] }),
};

const app = new Sails();
app.lift({
  port: Number(process.argv[2]),
  explicitHost: '127.0.0.1',
  environment: 'production',
  log: { level: 'warn' },
  hooks: { grunt: false, orm: false, sockets: false, pubsub: false, views: false, session: false, i18n: false, blueprints: false },
  http: { trustProxy: true },
  security: { csrf: false },
  routes,
}, err => {
  if (err) { console.error(err); process.exit(1); }
});
