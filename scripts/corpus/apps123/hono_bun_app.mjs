// Round-123 corpus: round 101's Slip tickets API (apps101/hono_app.mjs) on Hono 4.13
// served by Bun's own HTTP server (Bun.serve with app.fetch) instead of
// @hono/node-server; /api/reset is left out (it needs Node's socket).
// Round 101's notes:
// Hono's own answers: bearerAuth's 401 (text "Unauthorized", WWW-Authenticate
// Bearer), HTTPException 403/409/429 (text message), bodyLimit's 413 (8 KB,
// text "Payload Too Large"), "404 Not Found" text for no route, the default
// onError's "Internal Server Error"; the validator's JSON 400; handlers'
// JSON 404 and /readyz 503; a 301; /api/reset destroys the socket.
import { createRequire } from 'node:module';
const require = createRequire(process.env.NODE_PATH + '/');
const { Hono } = require('hono');
const { bearerAuth } = require('hono/bearer-auth');
const { bodyLimit } = require('hono/body-limit');
const { HTTPException } = require('hono/http-exception');
const { validator } = require('hono/validator');
const port = Number(process.argv[2]);
const app = new Hono();
const TICKET = { id: 1, title: 'Slip: printer on floor 3 is on fire', priority: 'high', status: 'open' };
app.use('/api/me', bearerAuth({ token: ['user-token', 'admin-token'] }));
app.use('/api/admin/*', bearerAuth({ token: ['user-token', 'admin-token'] }));
app.get('/api/tickets/:id', (c) => {
  const id = c.req.param('id');
  if (id !== '1') return c.json({ error: 'not_found', message: `ticket ${id} not found` }, 404);
  return c.json(TICKET);
});
app.post('/api/tickets', bodyLimit({ maxSize: 8 * 1024 }), validator('json', (v, c) => {
  const issues = [];
  if (typeof v.title !== 'string' || v.title.length < 3) issues.push({ path: ['title'], message: 'String must contain at least 3 character(s)' });
  if (v.priority !== undefined && !['low', 'high'].includes(v.priority)) issues.push({ path: ['priority'], message: "Invalid enum value. Expected 'low' | 'high'" });
  if (issues.length) return c.json({ success: false, error: { issues, name: 'ZodError' } }, 400);
  return v;
}), (c) => {
  const b = c.req.valid('json');
  if (b.title === TICKET.title) throw new HTTPException(409, { message: 'a ticket with this title is already open' });
  return c.json({ id: 2, ...b, status: 'open' }, 201, { Location: '/api/tickets/2' });
});
app.get('/api/me', (c) => c.json({ user: 'dana', role: c.req.header('Authorization') === 'Bearer admin-token' ? 'admin' : 'user' }));
app.get('/api/admin/stats', (c) => {
  if (c.req.header('Authorization') !== 'Bearer admin-token') throw new HTTPException(403, { message: 'admin role required' });
  return c.json({ open: 12, closed: 340 });
});
let hits = [];
app.get('/api/search', (c) => {
  const now = Date.now(); hits = hits.filter((t) => now - t < 60000); hits.push(now);
  if (hits.length > 2) throw new HTTPException(429, { res: new Response('Too many requests, please try again later.', { status: 429, headers: { 'Retry-After': '60', 'RateLimit-Policy': '2;w=60' } }) });
  return c.json({ results: [TICKET] });
});
app.get('/api/boom', (c) => { const t = undefined; return c.json(t.assignee); });
app.get('/api/v1/tickets/:id', (c) => c.redirect(`/api/tickets/${c.req.param('id')}`, 301));
app.get('/api/slow', async (c) => { await new Promise((r) => setTimeout(r, 5000)); return c.json({ slow: true }); });
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.get('/readyz', (c) => c.json({ status: 'not_ready', checks: { database: 'down' } }, 503));
Bun.serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
