// Round-20 corpus: a shipments API on NestJS 12 with the Express adapter
// (@nestjs/platform-express), written without TypeScript (decorators applied
// by hand). Nest's built-in exceptions for the handlers' errors
// (NotFoundException, UnprocessableEntityException, ...), a ValidationPipe-like
// check done by hand, Nest's own 404 for an unknown route ("Cannot GET ...")
// and its 500 for an uncaught Error ({"statusCode":500,"message":"Internal
// server error"}). `node nest_app.js PORT`
'use strict';
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const {
  Controller, Get, Post, Param, Body, Res, Module, HttpCode,
  NotFoundException, UnprocessableEntityException, ConflictException, UnauthorizedException,
  ServiceUnavailableException, HttpException, HttpStatus, BadRequestException,
} = require('@nestjs/common');

class ShipmentsController {
  health() { return { status: 'ok' }; }
  find(id) {
    if (id !== '1') throw new NotFoundException(`Shipment ${id} not found`);
    return { id: 1, carrier: 'DHL', status: 'in_transit' };
  }
  create(body) {
    if (!body || typeof body.orderId !== 'number') throw new BadRequestException(['orderId must be a number']);
    if (!body.address) throw new UnprocessableEntityException('address is required for a shipment');
    return { id: 2, ...body };
  }
  cancel(id) { throw new ConflictException(`Shipment ${id} has already left the warehouse`); }
  admin() { throw new UnauthorizedException(); }
  limited(res) {
    res.set('Retry-After', '30');
    throw new HttpException({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' }, HttpStatus.TOO_MANY_REQUESTS);
  }
  boom() { throw new TypeError("Cannot read properties of null (reading 'carrier')"); }
  maintenance() { throw new ServiceUnavailableException('Label printing is paused for maintenance'); }
  async slow() { await new Promise((r) => setTimeout(r, 5000)); return { status: 'late' }; }
}
const P = ShipmentsController.prototype;
const decorate = (name, ...ds) => {
  const desc = Object.getOwnPropertyDescriptor(P, name);
  for (const d of ds) d(P, name, desc);
};
decorate('health', Get('health'));
Param('id')(P, 'find', 0); decorate('find', Get('shipments/:id'));
Body()(P, 'create', 0); decorate('create', Post('shipments'));
Param('id')(P, 'cancel', 0); decorate('cancel', HttpCode(200), Post('shipments/:id/cancel'));
decorate('admin', Get('admin/manifests'));
Res({ passthrough: true })(P, 'limited', 0); decorate('limited', Get('rates'));
decorate('boom', Get('boom'));
decorate('maintenance', Get('labels'));
decorate('slow', Get('slow'));
Controller('api')(ShipmentsController);

class AppModule {}
Module({ controllers: [ShipmentsController] })(AppModule);

async function main() {
  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  app.set('trust proxy', 'loopback');
  await app.listen(Number(process.argv[2]), '127.0.0.1');
}
main();
