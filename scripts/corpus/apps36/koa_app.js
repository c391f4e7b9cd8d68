// Koa 3 with @koa/router: a coupons API (round 36, behind Caddy).
'use strict';
const Koa = require('koa');
const Router = require('@koa/router');
const crypto = require('crypto');

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  ctx.state.rid = ctx.get('X-Request-Id') || crypto.randomUUID();
  ctx.set('X-Request-Id', ctx.state.rid);
  await next();
});

const jerr = (ctx, status, code, message) => {
  ctx.status = status;
  ctx.body = { error: { code, message, requestId: ctx.state.rid } };
};

async function readBody(ctx, limit) {
  let size = 0; const parts = [];
  for await (const chunk of ctx.req) { size += chunk.length; if (size > limit) ctx.throw(413, 'request entity too large'); parts.push(chunk); }
  return Buffer.concat(parts).toString();
}

router.get('/api/coupons/:code', (ctx) => {
  if (ctx.params.code === 'SPRING10') { ctx.body = { code: 'SPRING10', percent: 10 }; return; }
  if (ctx.params.code === 'legacy') ctx.throw(404);  // Koa's plain "Not Found"
  jerr(ctx, 404, 'coupon_not_found', `No coupon ${ctx.params.code}`);
});
router.post('/api/coupons', async (ctx) => {
  const raw = await readBody(ctx, 1024);
  let data;
  try { data = JSON.parse(raw); } catch (e) { ctx.throw(400, 'invalid JSON'); }
  if (!data.percent) return jerr(ctx, 422, 'validation_failed', 'percent is required');
  ctx.status = 201; ctx.body = { code: 'NEW5' };
});
router.post('/api/coupons/:code/redeem', (ctx) => jerr(ctx, 409, 'already_redeemed', 'Coupon already redeemed'));
router.get('/api/admin/campaigns', (ctx) => {
  if (!ctx.get('Authorization')) { ctx.set('WWW-Authenticate', 'Bearer'); return jerr(ctx, 401, 'unauthorized', 'Token required'); }
  ctx.throw(403, 'Marketing role required');
});
router.get('/api/validate', (ctx) => { ctx.set('Retry-After', '5'); jerr(ctx, 429, 'rate_limited', 'Too many validations'); });
router.get('/api/boom', () => { throw new Error('campaign cache not warmed'); });
router.get('/api/maintenance', (ctx) => jerr(ctx, 503, 'maintenance', 'Coupons are frozen during the sale'));
router.get('/api/slow', async (ctx) => { await new Promise(r => setTimeout(r, 5000)); ctx.body = { ok: true }; });
router.get('/c/:code', (ctx) => { ctx.status = 301; ctx.redirect(`/api/coupons/${ctx.params.code}`); });

app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.argv[2]), '127.0.0.1');
