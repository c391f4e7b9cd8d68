'use strict';
// The orders API on Egg.js, written the way the Egg docs show it: errors
// thrown with ctx.throw (egg-onerror renders them: JSON when the client
// asks for JSON, a bare HTML line otherwise), ctx.status + ctx.body for the
// team's own JSON errors.
const { Controller } = require('egg');
const sleep = ms => new Promise(r => setTimeout(r, ms));

class OrdersController extends Controller {
  async health() { this.ctx.body = { status: 'ok' }; }

  async show() {
    const { ctx } = this;
    if (ctx.params.id !== '1') ctx.throw(404, `Order ${ctx.params.id} not found`);
    ctx.body = { id: 1, sku: 'A-1', qty: 2 };
  }

  async create() {
    const { ctx } = this;
    const b = ctx.request.body || {};
    const errors = [];
    if (!b.sku) errors.push({ code: 'missing_field', field: 'sku', message: 'required' });
    if (!(Number.isInteger(b.qty) && b.qty > 0)) errors.push({ code: 'invalid', field: 'qty', message: 'should be an integer >= 1' });
    // egg-validate's shape: 422 with code invalid_param and the errors list
    if (errors.length) ctx.throw(422, 'Validation Failed', { code: 'invalid_param', errors });
    ctx.status = 201;
    ctx.body = { id: 2, sku: b.sku, qty: b.qty };
  }

  async cancel() {
    this.ctx.status = 409;
    this.ctx.body = { code: 'ORDER_SHIPPED', message: 'Order already shipped, it cannot be cancelled' };
  }

  async reports() {
    const { ctx } = this;
    const auth = ctx.get('authorization');
    if (!auth) {
      ctx.set('WWW-Authenticate', 'Bearer realm="orders"');
      ctx.throw(401, 'Authentication required');
    }
    ctx.throw(403, 'Insufficient scope: reports:read');
  }

  async limited() {
    const { ctx } = this;
    ctx.set({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'Retry-After': '42' });
    ctx.status = 429;
    ctx.body = { code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded, retry in 42 seconds' };
  }

  async boom() {
    const order = await Promise.resolve(undefined);
    this.ctx.body = { total: order.qty * 12 };  // TypeError: a real bug
  }

  async maintenance() {
    const { ctx } = this;
    ctx.set('Retry-After', '600');
    ctx.status = 503;
    ctx.body = { code: 'MAINTENANCE', message: 'Orders are read-only during the database upgrade' };
  }

  async inventory() {
    // the stock service did not answer within 1 s: the team throws a 504
    await sleep(1000);
    this.ctx.throw(504, 'inventory service timed out after 1000ms', { code: 'UPSTREAM_TIMEOUT' });
  }

  async slow() {
    await sleep(5000);
    this.ctx.body = { status: 'late' };
  }

  async catalog() {
    this.ctx.set('Cache-Control', 'public, max-age=60');
    this.ctx.body = { items: [{ sku: 'A-1', price: 1200 }] };
  }

  async exportCsv() {
    // a report export that fails: the team throws a 502 from the report service
    this.ctx.throw(502, 'report service returned an invalid response');
  }

  async webhook() { this.ctx.body = { received: true }; }
}
module.exports = OrdersController;
