// Round 35: Express 5 with its own JWT middleware (jsonwebtoken, RS256 public
// key from $KEYDIR/rs-orders.pub). Missing token: 401 with WWW-Authenticate;
// a bad token: 401 JSON without it; a missing scope: 403.
'use strict';
const fs = require('fs');
const express = require('express');
const jwt = require('jsonwebtoken');
const PUB = fs.readFileSync(process.env.KEYDIR + '/rs-orders.pub');
const app = express();
app.use(express.json({ limit: '1kb' }));

function requireJwt(scope) {
  return (req, res, next) => {
    const h = req.get('authorization') || '';
    if (!h.startsWith('Bearer ')) {
      res.set('WWW-Authenticate', 'Bearer realm="shop-api"');
      return res.status(401).json({ error: 'unauthorized', message: 'No authorization token was found' });
    }
    try {
      req.user = jwt.verify(h.slice(7), PUB, { algorithms: ['RS256'], audience: 'shop-api', issuer: 'https://auth.example-shop.io/' });
    } catch (e) {
      return res.status(401).json({ error: 'invalid_token', message: e.message });
    }
    if (scope && !(req.user.scope || '').split(' ').includes(scope)) {
      return res.status(403).json({ error: 'forbidden', message: `Missing scope ${scope}` });
    }
    next();
  };
}
app.get('/healthz', (req, res) => res.json({ ok: true }));
app.get('/api/orders', requireJwt('orders:read'), (req, res) => res.json({ orders: [{ id: 'ord_1042', total: 129.5 }], user: req.user.sub }));
app.post('/api/orders', requireJwt('orders:write'), (req, res) => res.status(201).json({ id: 'ord_1043', status: 'created' }));
app.get('/api/orders/:id', requireJwt('orders:read'), (req, res) => res.status(404).json({ error: 'not_found', message: `Order ${req.params.id} not found` }));
// /admin/ is behind Apache Basic; the app trusts the front and answers.
app.get('/admin/stats', (req, res) => res.json({ orders_today: 311, user: req.get('x-remote-user') || null }));
app.post('/admin/reindex', (req, res) => res.status(403).json({ error: 'forbidden', message: 'reindex is disabled on this node' }));
app.listen(Number(process.argv[2]), '127.0.0.1');
