// Round-55 corpus: the Ledgerly invoices API on NestJS 10 (Express
// platform), in plain JavaScript: the decorators are applied by hand with
// Reflect.decorate instead of TypeScript's syntax. Routes as in
// fastapi_app.py; what the handlers do not answer themselves (an unknown
// route, an exception) goes to Nest's own exception filter. No request id.
require('reflect-metadata');
const path = require('path');
const { page, INVOICES } = require(path.join(__dirname, 'pages.js'));
const { NestFactory } = require('@nestjs/core');
const common = require('@nestjs/common');
const { Controller, Get, Post, Module, Param, Body, Res } = common;
const port = Number(process.argv[2]);

const err = (res, status, code, message, headers = {}) => res.status(status).set(headers).json({ error: code, message });

class InvoicesController {
  invoice(id, res) {
    const inv = INVOICES[id];
    return inv ? res.json(inv) : err(res, 404, 'invoice_not_found', `no invoice ${id}`);
  }
  create(body, res) {
    if (!body || typeof body !== 'object' || !('ref' in body)) return err(res, 422, 'validation_failed', "field 'ref' is required");
    if (body.ref === 'LG-1001') return err(res, 409, 'duplicate_ref', `an invoice with ref ${body.ref} already exists`);
    return res.status(201).json({ id: 2, ref: body.ref, status: 'draft' });
  }
  account(res) { return err(res, 401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="ledgerly"' }); }
  admin(res) { return err(res, 403, 'forbidden', 'your role may not open the admin area'); }
  quota(res) { return err(res, 429, 'rate_limited', '100 requests per minute per key', { 'Retry-After': '30' }); }
  maintenance(res) { return err(res, 503, 'maintenance', 'invoices are read-only during the ledger migration', { 'Retry-After': '120' }); }
  payments(res) { return res.status(502).type('html').send(page(502)); }
  statements(res) { return res.status(503).type('html').send(page(503)); }
  bank(res) { return res.status(504).type('html').send(page(504)); }
  boom() { throw new Error('ledger total overflow'); }
  async slow() { await new Promise((r) => setTimeout(r, 5000)); return { slow: true }; }
  healthz(res) { return res.type('text').send('ok'); }
}

const P = InvoicesController.prototype;
const route = (name, method, ...params) => {
  params.forEach((dec, i) => dec(P, name, i));
  Reflect.decorate([method], P, name, Object.getOwnPropertyDescriptor(P, name));
};
route('invoice', Get('api/invoices/:id'), Param('id'), Res());
route('create', Post('api/invoices'), Body(), Res());
route('account', Get('api/account'), Res());
route('admin', Get('api/admin'), Res());
route('quota', Get('api/quota'), Res());
route('maintenance', Get('api/maintenance'), Res());
route('payments', Get('api/payments'), Res());
route('statements', Get('api/statements'), Res());
route('bank', Get('api/bank'), Res());
route('boom', Get('api/boom'));
route('slow', Get('api/slow'));
route('healthz', Get('healthz'), Res());
Reflect.decorate([Controller()], InvoicesController);

class AppModule {}
Reflect.decorate([Module({ controllers: [InvoicesController] })], AppModule);

(async () => {
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(port, '127.0.0.1');
})();
