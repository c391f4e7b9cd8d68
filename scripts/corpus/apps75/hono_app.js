// Round-75 corpus (capture-round75.sh): the Wayfarer shipments API on Hono 4
// (@hono/node-server, one Node process), behind HAProxy. The routes of every
// round-75 app (see litestar_app.py). Hono's own answers: "404 Not Found"
// (text) for an unrouted path and "Internal Server Error" (text) for a
// thrown error. /api/export busy-waits 6 s, so the one event loop stops.
// Dependencies: fetch() to a port nobody listens on (502) and to a service
// that never answers, with AbortSignal.timeout(1000) (504).
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');
const fs = require('fs');
const path = require('path');

const FLAGS = process.env.FLAG_DIR || '/nonexistent';
const DEAD = process.env.DEP_DEAD_PORT || '61298';
const SLEEPER = process.env.DEP_SLOW_PORT || '61297';
const flag = (n) => fs.existsSync(path.join(FLAGS, n));
const PAGE_502 = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1>
<p>The label printer service is not reachable. Try again in a minute.</p>
<hr><p>Wayfarer Shipments</p></body></html>
`;

const app = new Hono();
app.use('/api/*', async (c, next) => {
  if (flag('draining')) {
    c.header('Retry-After', '30');
    return c.json({ error: 'draining', message: 'this instance is shutting down, retry on another' }, 503);
  }
  await next();
});
app.get('/api/shipments/:id', (c) => {
  const id = c.req.param('id');
  if (!/^\d+$/.test(id)) return c.json({ error: 'bad_request', message: 'shipment id must be a number' }, 400);
  if (id !== '1') return c.json({ error: 'not_found', message: `shipment ${id} not found` }, 404);
  c.header('Cache-Control', 'public, max-age=60');
  c.header('ETag', '"shp-1-v3"');
  return c.json({ id: 1, carrier: 'DHL', status: 'in_transit', eta: '2026-12-07' });
});
app.get('/api/account', (c) => {
  c.header('WWW-Authenticate', 'Bearer realm="shipments"');
  return c.json({ error: 'unauthorized', message: 'missing bearer token' }, 401);
});
app.post('/api/shipments', async (c) => {
  let body = null;
  try { body = await c.req.json(); } catch { body = null; }
  if (!body || !body.carrier || !(body.weight > 0)) {
    return c.json({ error: 'validation_failed', fields: { weight: 'must be greater than 0' } }, 422);
  }
  c.header('Location', '/api/shipments/2');
  return c.json({ id: 2, carrier: body.carrier, status: 'created' }, 201);
});
app.get('/api/boom', () => { throw new Error('carrier table not loaded'); });
app.get('/api/slow', async (c) => { await new Promise((r) => setTimeout(r, 5000)); return c.json({ status: 'ok', waited: 5 }); });
app.get('/api/export', (c) => { const end = Date.now() + 6000; while (Date.now() < end) { /* busy */ } return c.json({ status: 'ok', rows: 1200 }); });
app.get('/api/rates', async (c) => {
  try { await fetch(`http://127.0.0.1:${DEAD}/rates`, { signal: AbortSignal.timeout(1000) }); }
  catch { return c.json({ error: 'bad_gateway', message: 'carrier rates service unreachable', dependency: 'carrier-rates' }, 502); }
  return c.json({ rates: [] });
});
app.get('/api/tracking/:id', async (c) => {
  try { await fetch(`http://127.0.0.1:${SLEEPER}/track`, { signal: AbortSignal.timeout(1000) }); }
  catch { return c.json({ error: 'gateway_timeout', message: 'tracking service did not answer within 1s', dependency: 'tracking' }, 504); }
  return c.json({ events: [] });
});
app.get('/api/labels/:id', async (c) => {
  try { await fetch(`http://127.0.0.1:${DEAD}/labels`, { signal: AbortSignal.timeout(1000) }); }
  catch { return c.html(PAGE_502, 502); }
  return c.html('<p>label</p>');
});
app.get('/healthz', (c) => flag('unhealthy')
  ? c.json({ status: 'failing', checks: { database: 'timeout' } }, 503)
  : c.json({ status: 'ok' }));

serve({ fetch: app.fetch, port: Number(process.env.PORT || 61214), hostname: '127.0.0.1' });
