// Round 99: the Osier orders API (Express 4, NODE_ENV=production), behind
// Caddy. The round-99 route plan (see common.py). Errors it does not catch
// are left to Express's final handler ("Cannot GET ..." 404,
// "<pre>Internal Server Error</pre>" 500). /api/feed answers a line that is
// not HTTP and closes; /api/stream promises 4096 bytes, sends 19, closes.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const express = require('express');

const DEPLOY = process.env.DEPLOY || 'v1';
const FLAG_DIR = process.env.FLAG_DIR || '/nonexistent';
const DATA_DIR = process.env.DATA_DIR || '/tmp';
let warm = false;
const flag = (n) => fs.existsSync(path.join(FLAG_DIR, n));
function busy(ms) { const end = Date.now() + ms; while (Date.now() < end) { /* one event loop */ } }
function dep(envname, timeoutMs) {
  return new Promise((resolve, reject) => {
    const [host, port] = process.env[envname].split(':');
    const s = net.connect({ host, port: Number(port) });
    const t = setTimeout(() => { s.destroy(); const e = new Error('timeout'); e.code = 'ETIMEDOUT'; reject(e); }, timeoutMs);
    s.on('connect', () => s.write('GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n'));
    s.on('data', () => { clearTimeout(t); s.destroy(); resolve(); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}
const fail = (res, status, code, message, hdrs = {}) => res.status(status).set(hdrs).json({ error: { code, message } });

const app = express();
app.set('etag', false);
app.use((req, res, next) => { if (!warm) { busy(1500); warm = true; } next(); });

if (DEPLOY !== 'v2') {
  app.get('/api/orders/:id', (req, res) => {
    const id = Number(req.params.id);
    if (id !== 1 && id !== 2) return fail(res, 404, 'not_found', `order ${id} does not exist`);
    const etag = `"os-100${id}-v1"`;
    res.set({ 'Cache-Control': 'public, max-age=2', ETag: etag });
    if (req.get('If-None-Match') === etag) return res.status(304).end();
    res.json({ id, ref: `OS-100${id}`, replica: process.env.REPLICA || 'osier-1' });
  });
}
app.delete('/api/orders/:id/hold', (req, res) => res.status(204).end());
app.get('/api/account', (req, res) => {
  if (req.get('Authorization') !== 'Bearer oncall-t0ken') {
    return fail(res, 401, 'unauthorized', 'missing or invalid bearer token', { 'WWW-Authenticate': 'Bearer realm="osier"' });
  }
  res.json({ user: 'oncall', plan: 'team' });
});
app.get('/api/cart', (req, res) => {
  if (DEPLOY === 'v2') { const cfg = undefined; return res.json({ ttl: cfg.ttl }); }
  res.json({ items: [], currency: 'EUR' });
});
app.get('/api/checkout', (req, res) => {
  if (!process.env.CHECKOUT_KEY) return fail(res, 500, 'config_missing', 'CHECKOUT_KEY is not set');
  res.json({ checkout: 'ready' });
});
app.get('/api/inventory', (req, res) => {
  dep('DEP_DOWN', 1000).then(() => res.json({ ok: true }),
    (e) => fail(res, 502, 'bad_gateway', `inventory service unreachable: ${e.code}`));
});
app.get('/api/quotes', (req, res) => {
  dep('DEP_SLOW', 1000).then(() => res.json({ ok: true }),
    () => fail(res, 504, 'gateway_timeout', 'pricing service did not answer within 1s'));
});
app.get('/api/payments', (req, res) => {
  dep('DEP_DOWN', 1000).then(() => res.json({ ok: true }),
    () => fail(res, 503, 'service_unavailable', 'payment provider unavailable', { 'Retry-After': '30' }));
});
app.get('/api/search', (req, res) => {
  if (flag('overloaded')) return fail(res, 429, 'rate_limited', 'too many requests: search is shedding load', { 'Retry-After': '10' });
  res.json({ results: [] });
});
app.get('/api/bulk', (req, res) => {
  if (flag('overloaded')) return fail(res, 503, 'overloaded', 'worker queue full (64/64), try again later', { 'Retry-After': '20' });
  res.json({ queued: 0 });
});
app.get('/api/thumbnails', (req, res) => {
  try { const b = new ArrayBuffer(2 ** 50); res.json({ ok: b.byteLength }); } catch (e) {
    fail(res, 500, 'out_of_memory', `thumbnail render failed: ${e.name}: ${e.message}`);
  }
});
app.get('/api/feed', (req, res) => { req.socket.end('OK feed v2 ready\n'); });
app.get('/api/stream', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
  res.write('{"rows":[{"id":1},');
  setTimeout(() => req.socket.destroy(), 500);
});
app.post('/api/receipts', express.text({ type: '*/*' }), (req, res) => {
  const body = typeof req.body === 'string' ? req.body : '';
  if (!body.includes('amount')) return fail(res, 422, 'invalid', 'amount is required');
  fs.appendFileSync(path.join(DATA_DIR, 'receipts.log'), body + '\n'); // ENOSPC -> Express's 500
  res.status(201).json({ stored: true });
});
app.get('/api/export', (req, res) => { busy(6000); res.json({ rows: 0 }); });
app.get('/healthz', (req, res) => {
  if (flag('unhealthy')) return res.status(503).json({ status: 'fail' });
  res.json({ status: 'ok' });
});
app.listen(Number(process.argv[2] || 60012), '127.0.0.1');
