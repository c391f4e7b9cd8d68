// Round-48 corpus: the orders API on Express 5 with a WebSocket endpoint
// (the `ws` package on the HTTP server's 'upgrade' event, as its README
// shows), a session cookie that can expire, and the team's own CORS
// middleware. Node's http server keeps its defaults: 16 KiB of headers
// (its own 431), keepAliveTimeout 5 s, and a 417 for an Expect it does not
// know.
// node express_app.js PORT
'use strict';
const http = require('http');
const express = require('express');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2]);
const app = express();
app.set('env', 'production');
app.set('trust proxy', 'loopback');
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb' }));

const ALLOWED_ORIGINS = ['https://app.example.test'];
const err = (res, status, code, message) => res.status(status).json({ error: code, message });
const cookies = (req) => Object.fromEntries((req.get('cookie') || '').split(/;\s*/).filter(Boolean)
  .map((c) => [c.split('=')[0], c.slice(c.indexOf('=') + 1)]));

// CORS: answer the preflight for our SPA, refuse every other origin.
app.use('/api', (req, res, next) => {
  const origin = req.get('origin');
  if (req.method !== 'OPTIONS' || !origin) return next();
  if (!ALLOWED_ORIGINS.includes(origin)) return err(res, 403, 'CORS_ORIGIN_DENIED', `Origin ${origin} is not allowed`);
  res.set({
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, DELETE',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  });
  return res.sendStatus(204);
});

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/orders/:id', (req, res) => {
  if (req.params.id !== '1') return err(res, 404, 'NOT_FOUND', `Order ${req.params.id} not found`);
  res.json({ id: 1, sku: 'A-1', status: 'shipped' });
});
app.delete('/api/orders/:id', (req, res) =>
  res.set('Allow', 'GET').status(405).json({ error: 'METHOD_NOT_ALLOWED', message: 'Orders cannot be deleted; cancel them instead' }));
app.post('/api/orders', (req, res) => {
  const b = req.body || {};
  if (!b.sku) return err(res, 400, 'VALIDATION_ERROR', '"sku" is required');
  res.status(201).json({ id: 2, sku: b.sku });
});
app.post('/api/uploads', (req, res) => res.status(201).json({ received: Number(req.get('content-length') || 0) }));

// The session: sid=ok is valid, sid=expired is a session the store dropped.
app.get('/account', (req, res) => {
  const sid = cookies(req).sid;
  if (!sid) return res.redirect(302, '/login?next=%2Faccount');
  if (sid !== 'ok') {
    res.clearCookie('sid');
    return res.redirect(302, '/login?next=%2Faccount&reason=session_expired');
  }
  res.json({ user: 'ada', plan: 'team' });
});
app.get('/api/me', (req, res) => {
  const sid = cookies(req).sid;
  if (sid !== 'ok') {
    res.set('WWW-Authenticate', 'Cookie realm="orders"');
    return err(res, 401, sid ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED', sid ? 'Your session has expired, please sign in again' : 'Sign in first');
  }
  res.json({ user: 'ada' });
});
app.get('/login', (req, res) => res.type('html').send('<!doctype html><title>Sign in</title><form method="post"><input name="user"></form>'));

// A plain GET on the socket endpoint: the upgrade never reached the app.
app.get('/ws', (req, res) =>
  res.set('Upgrade', 'websocket').status(426).json({ error: 'UPGRADE_REQUIRED', message: 'This endpoint speaks WebSocket only' }));

const server = http.createServer(app);
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws) => { ws.send(JSON.stringify({ hello: 'orders' })); ws.close(1000); });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/ws') {
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return socket.destroy();
  }
  if (url.searchParams.get('token') !== 'good') {
    // as in ws's README: refuse the handshake before upgrading
    socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
    return socket.destroy();
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(port, '127.0.0.1');
