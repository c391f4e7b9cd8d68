// Round-42 corpus: a subscriptions API on NestJS (Express adapter), written
// without TypeScript (decorators applied by hand), behind HAProxy. Nest's
// built-in exceptions, its "Cannot GET ..." 404 and its
// {"statusCode":500,"message":"Internal server error"} for an uncaught Error.
// `node nest_app.js PORT`
'use strict';
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const {
  Controller, Get, Post, Param, Body, Res, Module, Redirect,
  NotFoundException, UnprocessableEntityException, UnauthorizedException, BadRequestException,
  ForbiddenException, ServiceUnavailableException, HttpException, HttpStatus,
} = require('@nestjs/common');

class SubsController {
  find(id) {
    if (id !== 'SUB-1') throw new NotFoundException(`Subscription ${id} not found`);
    return { id: 'SUB-1', plan: 'pro', state: 'active' };
  }
  create(body) {
    if (!body || typeof body.plan !== 'string') throw new BadRequestException(['plan must be a string', 'plan should not be empty']);
    if (body.plan === 'legacy') throw new UnprocessableEntityException('The legacy plan can no longer be purchased');
    return { id: 'SUB-2', ...body };
  }
  admin() { throw new UnauthorizedException(); }
  refunds() { throw new ForbiddenException('Forbidden resource'); }
  usage(res) {
    res.set('Retry-After', '60');
    throw new HttpException({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' }, HttpStatus.TOO_MANY_REQUESTS);
  }
  boom() { throw new TypeError("Cannot read properties of null (reading 'renewsAt')"); }
  maintenance() { throw new ServiceUnavailableException('Billing provider is unavailable'); }
  async slow() { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; }
  old() { return undefined; }
  hangup(res) { setTimeout(() => res.socket.destroy(), 200); return new Promise(() => {}); }
}
const P = SubsController.prototype;
const decorate = (name, ...ds) => { const desc = Object.getOwnPropertyDescriptor(P, name); for (const d of ds) d(P, name, desc); };
Param('id')(P, 'find', 0); decorate('find', Get('subscriptions/:id'));
Body()(P, 'create', 0); decorate('create', Post('subscriptions'));
decorate('admin', Get('admin/plans'));
decorate('refunds', Get('refunds'));
Res({ passthrough: true })(P, 'usage', 0); decorate('usage', Get('usage'));
decorate('boom', Get('boom'));
decorate('maintenance', Get('maintenance'));
decorate('slow', Get('slow'));
decorate('old', Redirect('/api/subscriptions/SUB-1', 301), Get('subs/current'));
Res()(P, 'hangup', 0); decorate('hangup', Get('hangup'));
Controller('api')(SubsController);

class AppModule {}
Module({ controllers: [SubsController] })(AppModule);

async function main() {
  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  await app.listen(Number(process.argv[2]), '127.0.0.1');
}
main();
