// Session/token check service for Caddy forward_auth (round 52): plain Node http.
// Caddy copies a non-2xx answer back to the client as it is.
const http = require('http');
const port = Number(process.argv[2]);
const keys = { 'tok-ana': { user: 'ana', scopes: ['orders:read', 'orders:admin'] }, 'tok-bo': { user: 'bo', scopes: ['orders:read'] } };
http.createServer((req, res) => {
  const send = (status, body, extra = {}) => {
    const data = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...extra });
    res.end(data);
  };
  const m = /^Bearer (.+)$/.exec(req.headers.authorization || '');
  const who = m && keys[m[1]];
  if (!who) return send(401, { error: 'unauthorized', message: 'a valid bearer token is required' }, { 'WWW-Authenticate': 'Bearer realm="orders"' });
  const uri = req.headers['x-forwarded-uri'] || '';
  if (uri.startsWith('/api/admin/') && !who.scopes.includes('orders:admin')) return send(403, { error: 'forbidden', message: 'missing scope orders:admin' });
  res.writeHead(200, { 'X-Auth-User': who.user }); res.end();
}).listen(port, '127.0.0.1');
