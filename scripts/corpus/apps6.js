// apps6.js — round 6's Node apps (capture-round6.sh), one per mode, on 127.0.0.1.
//
//   node apps6.js nest PORT          NestJS 10 on Express (no TypeScript: the
//                                    decorators are applied by hand)
//   node apps6.js jsonserver PORT    json-server 0.17 with its router and defaults
//   node apps6.js moleculer PORT     moleculer-web's API gateway with an
//                                    in-process orders service
//   node apps6.js fastifyproxy PORT UP...   @fastify/http-proxy in front of
//                                    /gin, /dead and /slow
'use strict';

const [mode, portArg, ...rest] = process.argv.slice(2);
const port = Number(portArg);
const HOST = '127.0.0.1';

const MAINT_HTML = `<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
</body>
</html>
`;

async function nest() {
  require('reflect-metadata');
  const { NestFactory } = require('@nestjs/core');
  const common = require('@nestjs/common');
  const { Controller, Get, Param, Res, Module, NotFoundException, ServiceUnavailableException,
          BadGatewayException, HttpException, HttpStatus } = common;

  class OrdersController {
    health() { return { status: 'ok' }; }
    boom() { throw new Error('orders: connection pool exhausted'); }
    user(id) { throw new NotFoundException(`no user with id ${id}`); }
    down() { throw new ServiceUnavailableException('orders database under maintenance'); }
    pay() { throw new BadGatewayException('payments provider refused the charge'); }
    limited() { throw new HttpException('Too Many Requests', HttpStatus.TOO_MANY_REQUESTS); }
    maint(res) { res.status(503).type('html').send(MAINT_HTML); }
  }
  const decorate = (name, ...decorators) => {
    const desc = Object.getOwnPropertyDescriptor(OrdersController.prototype, name);
    for (const d of decorators) d(OrdersController.prototype, name, desc);
  };
  decorate('health', Get('health'));
  decorate('boom', Get('boom'));
  Param('id')(OrdersController.prototype, 'user', 0);
  decorate('user', Get('users/:id'));
  decorate('down', Get('down'));
  decorate('pay', Get('pay'));
  decorate('limited', Get('limited'));
  Res()(OrdersController.prototype, 'maint', 0);
  decorate('maint', Get('maint'));
  Controller('api')(OrdersController);
  class AppModule {}
  Module({ controllers: [OrdersController] })(AppModule);

  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  await app.listen(port, HOST);
}

function jsonserver() {
  const jsonServer = require('json-server');
  const server = jsonServer.create();
  const router = jsonServer.router({ orders: [{ id: 1, sku: 'SKU-1', qty: 2 }], users: [{ id: 42, name: 'ada' }] });
  server.use(jsonServer.defaults({ logger: false, noCors: false }));
  server.get('/api/boom', () => { throw new Error('orders: nil'); });
  server.get('/api/maint', (req, res) => res.status(503).type('html').send(MAINT_HTML));
  server.use('/api', router);
  server.listen(port, HOST);
}

function moleculer() {
  const { ServiceBroker, Errors } = require('moleculer');
  const ApiGateway = require('moleculer-web');
  const broker = new ServiceBroker({ nodeID: 'orders-1', logger: false, transporter: null, requestTimeout: 1000 });
  broker.createService({
    name: 'orders',
    actions: {
      health() { return { status: 'ok' }; },
      boom() { throw new Error('orders: connection pool exhausted'); },
      user(ctx) { throw new Errors.MoleculerClientError(`no user with id ${ctx.params.id}`, 404, 'USER_NOT_FOUND'); },
      down() { throw new Errors.MoleculerRetryableError('orders database under maintenance', 503, 'MAINTENANCE'); },
      report() { return new Promise((resolve) => setTimeout(() => resolve({ report: 'late' }), 3000)); },
    },
  });
  broker.createService({
    name: 'api',
    mixins: [ApiGateway],
    settings: {
      ip: HOST,
      port,
      routes: [{
        path: '/api',
        aliases: {
          'GET health': 'orders.health',
          'GET boom': 'orders.boom',
          'GET users/:id': 'orders.user',
          'GET down': 'orders.down',
          'GET report': 'orders.report',
          'GET invoices/:id': 'invoices.get',
        },
        mappingPolicy: 'restrict',
      }],
    },
  });
  broker.start();
}

async function fastifyproxy() {
  const fastify = require('fastify')({ logger: false, requestIdHeader: 'x-request-id' });
  fastify.addHook('onSend', async (req, reply) => { reply.header('x-request-id', req.id); });
  for (const arg of rest) {
    const [prefix, upstream] = arg.split('=');
    fastify.register(require('@fastify/http-proxy'), {
      upstream, prefix, rewritePrefix: '', http: { requestOptions: { timeout: 2000 } },
    });
  }
  await fastify.listen({ host: HOST, port });
}

const modes = { nest, jsonserver, moleculer, fastifyproxy };
if (!modes[mode]) {
  console.error('usage: node apps6.js nest|jsonserver|moleculer|fastifyproxy PORT');
  process.exit(2);
}
Promise.resolve(modes[mode]()).catch((e) => { console.error(e); process.exit(1); });
