// Round 136: apps127/nest_app.js with R136_STYLE (envelope | problem) and
// four more routes: /api/account (401 with WWW-Authenticate: Bearer),
// /api/me (401 without it), /api/payments (the team's HTML 502 about the
// payment provider), /api/reports (the team's HTML 504 about the warehouse).
// Round 127's header follows.
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
    if (exception.htmlPage) {
      res.status(status).type('html').send(exception.htmlPage(rid));
      return;
    }
    const names = { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 422: 'UNPROCESSABLE', 429: 'RATE_LIMITED', 503: 'MAINTENANCE' };
    let message = 'internal error; quote the request id';
    if (exception instanceof HttpException) {
      const r = exception.getResponse();
      message = typeof r === 'string' ? r : (Array.isArray(r.message) ? r.message.join('; ') : r.message);
      if (exception.retryAfter) res.setHeader('Retry-After', exception.retryAfter);
      for (const [k, v] of Object.entries(exception.extraHeaders || {})) res.setHeader(k, v);
    }
    if (process.env.R136_STYLE === 'problem') {
      const titles = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };
      res.status(status).type('application/problem+json').send(JSON.stringify({
        type: `https://errors.bramble.test/${(names[status] || 'INTERNAL').toLowerCase()}`,
        title: titles[status] || 'Error', status, detail: message, instance: req.path, request_id: rid }));
      return;
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
  account() {
    const e = new c.UnauthorizedException('a bearer token is required');
    e.extraHeaders = { 'WWW-Authenticate': 'Bearer realm="bramble", error="invalid_token"' };
    throw e;
  }
  me() { throw new c.UnauthorizedException('session expired, sign in again'); }
  payments() {
    const e = new HttpException('payment provider unreachable', 502);
    e.htmlPage = (rid) => `<!DOCTYPE html>
<html><head><title>502 Bad Gateway | Bramble</title></head>
<body><div id="bramble-error"><h1>Payments are unavailable</h1>
<p>Our payment provider (Ledgerline) did not answer. Your card was not charged.</p><p>Reference: ${rid}</p></div></body></html>
`;
    throw e;
  }
  reports() {
    const e = new HttpException('warehouse timed out', 504);
    e.htmlPage = (rid) => `<!DOCTYPE html>
<html><head><title>504 Gateway Timeout | Bramble</title></head>
<body><div id="bramble-error"><h1>The warehouse system took too long</h1>
<p>Stock reports come from the warehouse service, which did not answer within 2 seconds.</p><p>Reference: ${rid}</p></div></body></html>
`;
    throw e;
  }
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
route('account', [Get('api/account')]);
route('me', [Get('api/me')]);
route('payments', [Get('api/payments')]);
route('reports', [Get('api/reports')]);
route('healthz', [Get('healthz')]);
Reflect.decorate([Controller()], OrdersController);
class AppModule {}
Reflect.decorate([Module({ controllers: [OrdersController] })], AppModule);
(async () => {
  const app = await NestFactory.create(AppModule, { logger: false });
  app.useGlobalFilters(new TeamFilter());
  await app.listen(port, '127.0.0.1');
})();
