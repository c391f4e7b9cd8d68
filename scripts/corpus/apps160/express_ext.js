// Round 160: round 74's Express catalog (apps74/express_app.js, unchanged and
// required) with five routes added before it listens: GET
// /api/catalog/legacy-1 a 301 to /api/products/1 (public, max-age=300), GET
// /api/admin/users a JSON 403, PUT /api/orders/:id a JSON 409, DELETE
// /api/orders/:id a 204, GET /api/me a JSON 200 with `Authorization: Bearer
// good-token` (private, max-age=60), a JSON 401 without.
'use strict';
const path = require('path');
const express = require('express');

const listen = express.application.listen;
express.application.listen = function (...args) {
  const fail = (res, status, code, message) => {
    res.set('Cache-Control', 'no-store');
    return res.status(status).json({ error: { code, message } });
  };
  this.get('/api/catalog/legacy-1', (req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.redirect(301, '/api/products/1');
  });
  this.get('/api/admin/users', (req, res) => fail(res, 403, 'FORBIDDEN', 'admin scope required'));
  this.put('/api/orders/:id', (req, res) => fail(res, 409, 'CONFLICT', `order ${req.params.id} was changed by another request`));
  this.delete('/api/orders/:id', (req, res) => res.set('Cache-Control', 'no-store').status(204).end());
  this.get('/api/me', (req, res) => {
    if (req.get('Authorization') !== 'Bearer good-token') {
      res.set('WWW-Authenticate', 'Bearer realm="corvid"');
      return fail(res, 401, 'UNAUTHORIZED', 'missing or invalid bearer token');
    }
    res.set('Cache-Control', 'private, max-age=60').json({ user: 'mira', roles: ['buyer'] });
  });
  return listen.apply(this, args);
};
require(path.join(__dirname, '..', 'apps74', 'express_app.js'));
