// Round 183: round 101's Pier NestJS app (apps101/nest_app.js) with routes added:
// DELETE api/tickets/:id -> @HttpCode(204), empty; GET api/maintenance -> a
// ServiceUnavailableException (Nest's JSON 503, Retry-After set on the response);
// the PUT api/tickets/:id -> a MethodNotAllowedException (Nest's JSON 405).
// Round-101 corpus: the Pier tickets API on NestJS 10 (Express platform), in
// plain JavaScript (decorators applied with Reflect.decorate). Errors are
// Nest's own: HttpExceptions through Nest's exception filter
// ({message, error, statusCode}), a ValidationPipe-shaped 400 (message is a
// list), a CanActivate guard (401 UnauthorizedException without a token,
// 403 "Forbidden resource" when it returns false), a ThrottlerException-
// shaped 429, Nest's "Cannot GET" 404 and its JSON 500 for a thrown Error,
// body-parser's 413 over an 8 KB JSON limit, a terminus-shaped 503 from
// /readyz. /api/reset destroys the socket; /api/slow waits 5 s.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const c = require('@nestjs/common');
const { Controller, Get, Post, Module, Param, Body, Req, Res, UseGuards, HttpCode, HttpException } = c;
const port = Number(process.argv[2]);
const TICKET = { id: 1, title: 'Printer on floor 3 is on fire', priority: 'high', status: 'open' };

class AuthGuard {
  canActivate(ctx) {
    const req = ctx.switchToHttp().getRequest();
    const a = req.headers.authorization || '';
    if (!a.startsWith('Bearer ')) throw new c.UnauthorizedException();
    if (!['Bearer user-token', 'Bearer admin-token'].includes(a)) throw new c.UnauthorizedException('invalid token');
    req.role = a === 'Bearer admin-token' ? 'admin' : 'user';
    return true;
  }
}
class AdminGuard {
  canActivate(ctx) { return ctx.switchToHttp().getRequest().role === 'admin'; }
}
let hits = [];
class TicketsController {
  ticket(id) {
    if (!/^\d+$/.test(id)) throw new c.BadRequestException('Validation failed (numeric string is expected)');
    if (id !== '1') throw new c.NotFoundException(`Ticket ${id} not found`);
    return TICKET;
  }
  create(body) {
    const errs = [];
    if (typeof body.title !== 'string') errs.push('title must be a string');
    if (!body.title) errs.push('title should not be empty');
    if (body.priority !== undefined && !['low', 'high'].includes(body.priority)) errs.push('priority must be one of the following values: low, high');
    if (errs.length) throw new c.BadRequestException(errs);
    if (body.title === TICKET.title) throw new c.ConflictException('a ticket with this title is already open');
    return { id: 2, title: body.title, priority: body.priority || 'low', status: 'open' };
  }
  me(req) { return { user: req.role === 'admin' ? 'ops-admin' : 'dana', role: req.role }; }
  stats() { return { open: 12, closed: 340 }; }
  search() {
    const now = Date.now(); hits = hits.filter((t) => now - t < 60000); hits.push(now);
    if (hits.length > 2) throw new HttpException('ThrottlerException: Too Many Requests', 429);
    return { results: [TICKET] };
  }
  boom() { throw new Error('cannot read properties of undefined (reading assignee)'); }
  old(id, res) { return res.redirect(301, `/api/tickets/${id}`); }
  async slow() { await new Promise((r) => setTimeout(r, 5000)); return { slow: true }; }
  reset(req) { req.socket.destroy(); return new Promise(() => {}); }
  remove() { return undefined; }
  maint(res) { res.set('Retry-After', '900'); throw new c.ServiceUnavailableException('tickets are read-only during the storage migration'); }
  put() { throw new c.MethodNotAllowedException(); }
  healthz() { return { status: 'ok' }; }
  readyz() {
    throw new c.ServiceUnavailableException({ status: 'error', info: {}, error: { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } }, details: { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } } });
  }
}
const P = TicketsController.prototype;
const route = (name, decs, ...params) => {
  params.forEach((dec, i) => dec(P, name, i));
  Reflect.decorate(decs, P, name, Object.getOwnPropertyDescriptor(P, name));
};
route('ticket', [Get('api/tickets/:id')], Param('id'));
route('create', [Post('api/tickets')], Body());
route('me', [Get('api/me'), UseGuards(AuthGuard)], Req());
route('stats', [Get('api/admin/stats'), UseGuards(AuthGuard, AdminGuard)]);
route('search', [Get('api/search')]);
route('boom', [Get('api/boom')]);
route('old', [Get('api/v1/tickets/:id')], Param('id'), Res());
route('slow', [Get('api/slow')]);
route('reset', [Get('api/reset')], Req());
route('remove', [c.Delete('api/tickets/:id'), HttpCode(204)]);
route('maint', [Get('api/maintenance')], Res({ passthrough: true }));
route('put', [c.Put('api/tickets/:id')]);
route('healthz', [Get('healthz')]);
route('readyz', [Get('readyz')]);
Reflect.decorate([Controller()], TicketsController);
class AppModule {}
Reflect.decorate([Module({ controllers: [TicketsController] })], AppModule);
(async () => {
  const app = await NestFactory.create(AppModule, { logger: false, bodyParser: false });
  app.useBodyParser('json', { limit: '8kb' });
  await app.listen(port, '127.0.0.1');
})();
