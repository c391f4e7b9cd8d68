// Round-40 corpus: a support-tickets API on NestJS 12 (Express adapter),
// written without TypeScript (decorators applied by hand), behind Caddy (TLS,
// HTTP/2) and behind Varnish behind hitch.
// Nest's built-in exceptions for the handlers' errors, its "Cannot GET ..."
// 404 and its {"statusCode":500,"message":"Internal server error"} for an
// uncaught Error. A middleware echoes the X-Request-ID a front sends (or
// makes one). `node nest_app.js PORT`
'use strict';
require('reflect-metadata');
const crypto = require('crypto');
const { NestFactory } = require('@nestjs/core');
const {
  Controller, Get, Post, Delete, Param, Body, Res, Module, HttpCode,
  NotFoundException, UnprocessableEntityException, ConflictException, UnauthorizedException,
  ForbiddenException, ServiceUnavailableException, GatewayTimeoutException, HttpException, HttpStatus, BadRequestException,
} = require('@nestjs/common');

class TicketsController {
  health() { return { status: 'ok' }; }
  find(id) {
    if (id !== 'T-1') throw new NotFoundException(`Ticket ${id} not found`);
    return { id: 'T-1', subject: 'Printer on fire', state: 'open' };
  }
  create(body) {
    if (!body || typeof body.subject !== 'string') throw new BadRequestException(['subject must be a string', 'subject should not be empty']);
    if (body.priority === 'p0') throw new UnprocessableEntityException('p0 tickets must be opened through the incident line');
    return { id: 'T-2', ...body };
  }
  close(id) { throw new ConflictException(`Ticket ${id} is already closed`); }
  admin() { throw new UnauthorizedException(); }
  audit() { throw new ForbiddenException('Forbidden resource'); }
  limited(res) {
    res.set('Retry-After', '30');
    throw new HttpException({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' }, HttpStatus.TOO_MANY_REQUESTS);
  }
  boom() { throw new TypeError("Cannot read properties of undefined (reading 'assignee')"); }
  maintenance() { throw new ServiceUnavailableException('Ticket search is being reindexed'); }
  async sla() { await new Promise((r) => setTimeout(r, 1000)); throw new GatewayTimeoutException('SLA service did not answer within 1s'); }
  async slow() { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; }
}
const P = TicketsController.prototype;
const decorate = (name, ...ds) => { const desc = Object.getOwnPropertyDescriptor(P, name); for (const d of ds) d(P, name, desc); };
decorate('health', Get('health'));
Param('id')(P, 'find', 0); decorate('find', Get('tickets/:id'));
Body()(P, 'create', 0); decorate('create', Post('tickets'));
Param('id')(P, 'close', 0); decorate('close', HttpCode(200), Post('tickets/:id/close'));
decorate('admin', Get('admin/agents'));
decorate('audit', Get('audit'));
Res({ passthrough: true })(P, 'limited', 0); decorate('limited', Get('search'));
decorate('boom', Get('boom'));
decorate('maintenance', Get('maintenance'));
decorate('sla', Get('sla'));
decorate('slow', Get('slow'));
Controller('api')(TicketsController);

class AppModule {}
Module({ controllers: [TicketsController] })(AppModule);

async function main() {
  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => { res.set('X-Request-Id', req.get('x-request-id') || crypto.randomUUID()); next(); });
  await app.listen(Number(process.argv[2]), '127.0.0.1');
}
main();
