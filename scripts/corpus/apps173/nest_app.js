// Round 173 adds: /healthz (terminus-style, 503 while inventory-down), 301 from /api/v1/orders/:id, 409 on pay,
// a class-validator-style 400 for a POST without items. Nest's own JSON 500 for the bad deploy.
// Round 173: "Ostrava" orders API on NestJS 10 (Express platform), plain
// JavaScript (decorators applied with Reflect.decorate, as apps55/nest_app.js).
// Flag files in $STATE_DIR as in apps151: deploy-v2 (read at start: the order
// handler throws, so Nest's own JSON 500; /api/invoices/ not registered, so
// Nest's own JSON 404), quota, keys-rotated, inventory-down, search-slow.
// payments-gateway at 127.0.0.1:61999 (nobody listens). Usage: node nest_app.js PORT
require('reflect-metadata');
const fs = require('fs'); const path = require('path'); const net = require('net');
const { NestFactory } = require('@nestjs/core');
const { Controller, Get, Post, Delete, Module, Param, Headers, Res, Body } = require('@nestjs/common');
const STATE = process.env.STATE_DIR || '/tmp';
const flag = (n) => fs.existsSync(path.join(STATE, n));
const V2 = flag('deploy-v2');
const port = Number(process.argv[2]);

class OrdersController {
  order(id, inm, res) {
    if (V2) { const o = undefined; return res.json({ total: o.lines.length }); }
    if (id !== '1') return res.status(404).json({ statusCode: 404, message: `Order ${id} not found`, error: 'Not Found' });
    res.set('ETag', '"os-o1-v8"');
    if (inm === '"os-o1-v8"') return res.status(304).end();
    return res.json({ id: 1, state: 'dispatched', total: 18.9 });
  }
  healthz(res) {
    if (flag('inventory-down')) return res.status(503).json({ status: 'error', info: {}, error: { 'inventory-db': { status: 'down', message: 'connect ECONNREFUSED' } }, details: { 'inventory-db': { status: 'down' } } });
    return res.json({ status: 'ok', info: { 'inventory-db': { status: 'up' } }, error: {}, details: { 'inventory-db': { status: 'up' } } });
  }
  oldOrder(id, res) { return res.redirect(301, `/api/orders/${id}`); }
  conflict(id, res) { return res.status(409).json({ statusCode: 409, message: `Order ${id} has already been paid`, error: 'Conflict' }); }
  validate(body, res) {
    if (!body || !Array.isArray(body.items)) return res.status(400).json({ statusCode: 400, message: ['items must be an array', 'items should not be empty'], error: 'Bad Request' });
    return this.create(res);
  }
  create(res) { return res.status(201).set('Location', '/api/orders/2').json({ id: 2, state: 'created' }); }
  remove(res) { return res.status(204).end(); }
  invoice(id, res) { return res.json({ id, amount: 18.9 }); }
  payments(res) {
    const s = net.connect(61999, '127.0.0.1');
    s.on('connect', () => { s.end(); res.json({ ok: true }); });
    s.on('error', (e) => res.status(502).json({ statusCode: 502, message: `payments-gateway unreachable (${e.code})`, error: 'Bad Gateway' }));
  }
  inventory(res) {
    if (flag('inventory-down')) return res.status(503).set('Retry-After', '20').json({ statusCode: 503, message: 'inventory-db: connect ETIMEDOUT 10.2.0.7:5432', error: 'Service Unavailable' });
    return res.json({ sku: 'OS-2', on_hand: 9 });
  }
  search(res) {
    if (flag('search-slow')) return res.status(504).json({ statusCode: 504, message: 'search-service: no answer within 2000 ms', error: 'Gateway Timeout' });
    return res.json({ results: [], total: 0 });
  }
  me(auth, res) {
    const a = auth || '';
    if (a !== 'Bearer key2-token' && (flag('keys-rotated') || a !== 'Bearer key1-token')) {
      return res.status(401).set('WWW-Authenticate', 'Bearer realm="ostrava", error="invalid_token", error_description="invalid signature"').json({ statusCode: 401, message: 'invalid signature', error: 'Unauthorized' });
    }
    return res.json({ sub: 'u-12', role: 'ops' });
  }
  quota(res) {
    if (flag('quota')) return res.status(429).set('Retry-After', '60').json({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' });
    return res.json({ remaining: 8 });
  }
  async slow() { await new Promise((r) => setTimeout(r, 5000)); return { ok: true }; }
}
const P = OrdersController.prototype;
const route = (name, method, ...params) => {
  params.forEach((dec, i) => dec(P, name, i));
  Reflect.decorate([method], P, name, Object.getOwnPropertyDescriptor(P, name));
};
route('order', Get('api/orders/:id'), Param('id'), Headers('if-none-match'), Res());
route('validate', Post('api/orders'), Body(), Res());
route('healthz', Get('healthz'), Res());
route('oldOrder', Get('api/v1/orders/:id'), Param('id'), Res());
route('conflict', Post('api/orders/:id/pay'), Param('id'), Res());
route('remove', Delete('api/orders/:id'), Res());
if (!V2) route('invoice', Get('api/invoices/:id'), Param('id'), Res());
route('payments', Get('api/payments'), Res());
route('inventory', Get('api/inventory'), Res());
route('search', Get('api/search'), Res());
route('me', Get('api/me'), Headers('authorization'), Res());
route('quota', Get('api/quota'), Res());
route('slow', Get('api/slow'));
Reflect.decorate([Controller()], OrdersController);
class AppModule {}
Reflect.decorate([Module({ controllers: [OrdersController] })], AppModule);
(async () => {
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(port, '127.0.0.1');
})();
