// Round 29: the orders API in Express 5, checking its own HS256 bearer JWTs
// with jsonwebtoken (the messages teams pass on: "jwt expired", "invalid
// signature", "jwt malformed"). Runs behind nginx auth_request.
const express = require('express');
const jwt = require('jsonwebtoken');
const SECRET = 'r29-orders-hs256-shared-secret-7f3a9c';
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '1kb' }));

function auth(scope) {
  return (req, res, next) => {
    const h = req.get('authorization') || '';
    const m = /^Bearer (.+)$/i.exec(h);
    if (!m) {
      res.set('WWW-Authenticate', 'Bearer realm="orders"');
      return res.status(401).json({ error: 'unauthorized', message: 'No authorization token was found' });
    }
    let claims;
    try {
      claims = jwt.verify(m[1], SECRET, { algorithms: ['HS256'] });
    } catch (e) {
      res.set('WWW-Authenticate', `Bearer realm="orders", error="invalid_token", error_description="${e.message}"`);
      return res.status(401).json({ error: 'invalid_token', message: e.message });
    }
    if (!(claims.scope || '').split(' ').includes(scope)) {
      return res.status(403).json({ error: 'forbidden', message: `missing scope ${scope}`, required: scope });
    }
    req.user = claims;
    next();
  };
}

const r = express.Router();
r.get('/orders', auth('orders:read'), (req, res) => res.json({ orders: [{ id: 1, sku: 'A-1', qty: 2 }], user: req.user.sub }));
r.post('/orders', auth('orders:write'), (req, res) => res.status(201).json({ id: 2, status: 'created' }));
r.get('/orders/:id', auth('orders:read'), (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ error: 'not_found', message: `order ${req.params.id} not found` });
  res.json({ id: 1, sku: 'A-1', qty: 2 });
});
r.get('/admin/reports', auth('orders:admin'), (req, res) => res.json({ reports: [] }));
for (const p of ['/api', '/v2', '/v3', '/open']) app.use(p, r);
app.listen(Number(process.argv[2]), '127.0.0.1');
