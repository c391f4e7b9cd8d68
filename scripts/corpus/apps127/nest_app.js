// Round 127: the Bramble orders API on NestJS 10 (Express platform) in plain
// JavaScript (decorators applied with Reflect.decorate, as apps101/nest_app.js),
// run by Bun behind Squid. The team's global exception filter answers every
// error as {"error": {"code", "message", "request_id", "path"}} (the front's
// X-Request-ID echoed), Nest's own 404 for unknown routes and its 400 for a
// body that is not JSON included; non-API paths get the team's HTML 404/500.
// /api/search is the app's 429 (Retry-After, RateLimit-*), /api/maintenance its
// JSON 503, /api/latest a 302, /api/slow 6 s.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const c = require('@nestjs/common');
const { Controller, Get, Post, Module, Param, Body, Res, Catch, HttpException } = c;
const port = Number(process.argv[2]);

class TeamFilter {
  catch(exception, host) {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest();
    const res = ctx.getResponse();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const rid = req.headers['x-request-id'] || '-';
    res.setHeader('X-Request-ID', rid);
    if (!req.path.startsWith('/api/')) {
      const h = status === 404 ? 'Nothing here' : 'Something went wrong';
      res.status(status).type('html').send(`<!DOCTYPE html>
<html><head><title>${h} | Bramble</title></head>
<body><div id="bramble-error"><h1>${h}</h1><p>Reference: ${rid}</p></div></body></html>
`);
      return;
    }
    const names = { 400: 'BAD_REQUEST', 404: 'NOT_FOUND', 422: 'UNPROCESSABLE', 429: 'RATE_LIMITED', 503: 'MAINTENANCE' };
    let message = 'internal error; quote the request id';
    if (exception instanceof HttpException) {
      const r = exception.getResponse();
      message = typeof r === 'string' ? r : (Array.isArray(r.message) ? r.message.join('; ') : r.message);
      if (exception.retryAfter) res.setHeader('Retry-After', exception.retryAfter);
      for (const [k, v] of Object.entries(exception.extraHeaders || {})) res.setHeader(k, v);
    }
    res.status(status).json({ error: { code: names[status] || 'INTERNAL', message, request_id: rid, path: req.path } });
  }
}
Reflect.decorate([Catch()], TeamFilter);

class OrdersController {
  order(id, res) {
    if (id !== '1') throw new c.NotFoundException(`order ${id} does not exist`);
    res.set('Cache-Control', 'public, max-age=30').set('ETag', '"br-1-v1"');
    return { id: 1, sku: 'BR-5', qty: 2, status: 'picking' };
  }
  create(body) {
    if (!body || !body.sku) throw new c.UnprocessableEntityException(['sku should not be empty']);
    return { id: 2, sku: body.sku };
  }
  search() {
    const e = new HttpException('search quota exhausted for this minute', 429);
    e.extraHeaders = { 'Retry-After': '60', 'RateLimit-Limit': '10', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60' };
    throw e;
  }
  maintenance() {
    const e = new c.ServiceUnavailableException('Bramble is in maintenance until 05:00 UTC');
    e.extraHeaders = { 'Retry-After': '3600' };
    throw e;
  }
  latest(res) { return res.redirect(302, '/api/orders/1'); }
  boom() { throw new TypeError("cannot read properties of undefined (reading 'bin')"); }
  async slow() { await new Promise((r) => setTimeout(r, 6000)); return { report: 'done' }; }
  healthz() { return { status: 'ok' }; }
}
const P = OrdersController.prototype;
const route = (name, decs, ...params) => {
  params.forEach((dec, i) => dec(P, name, i));
  Reflect.decorate(decs, P, name, Object.getOwnPropertyDescriptor(P, name));
};
route('order', [Get('api/orders/:id')], Param('id'), Res({ passthrough: true }));
route('create', [Post('api/orders')], Body());
route('search', [Get('api/search')]);
route('maintenance', [Get('api/maintenance')]);
route('latest', [Get('api/latest')], Res());
route('boom', [Get('api/boom')]);
route('slow', [Get('api/slow')]);
route('healthz', [Get('healthz')]);
Reflect.decorate([Controller()], OrdersController);
class AppModule {}
Reflect.decorate([Module({ controllers: [OrdersController] })], AppModule);
(async () => {
  const app = await NestFactory.create(AppModule, { logger: false });
  app.useGlobalFilters(new TeamFilter());
  await app.listen(port, '127.0.0.1');
})();
