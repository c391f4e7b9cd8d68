// Round 29: the token-check service behind nginx auth_request (plain Node
// http). Any path: 200 with X-Auth-User for a good HS256 token; 401 with
// WWW-Authenticate and a JSON body when the token is missing or bad; 403
// when a write (X-Original-Method) lacks orders:write. nginx's /v3/ sends the
// refused request here again to show this body to the client.
const http = require('http');
const jwt = require('jsonwebtoken');
const SECRET = 'r29-orders-hs256-shared-secret-7f3a9c';

function send(res, status, body, extra) {
  const data = JSON.stringify(body);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), 'Cache-Control': 'no-store' }, extra || {}));
  res.end(data);
}

http.createServer((req, res) => {
  const h = req.headers['authorization'] || '';
  const m = /^Bearer (.+)$/i.exec(h);
  const method = req.headers['x-original-method'] || req.method;
  if (!m) return send(res, 401, { error: 'unauthorized', error_description: 'Bearer token required', auth: 'edge-authz' }, { 'WWW-Authenticate': 'Bearer realm="example-corp"' });
  let c;
  try {
    c = jwt.verify(m[1], SECRET, { algorithms: ['HS256'] });
  } catch (e) {
    return send(res, 401, { error: 'invalid_token', error_description: e.message, auth: 'edge-authz' },
      { 'WWW-Authenticate': `Bearer realm="example-corp", error="invalid_token", error_description="${e.message}"` });
  }
  const scopes = (c.scope || '').split(' ');
  if (method !== 'GET' && method !== 'HEAD' && !scopes.includes('orders:write')) {
    return send(res, 403, { error: 'insufficient_scope', error_description: 'orders:write is required for ' + method, auth: 'edge-authz' },
      { 'WWW-Authenticate': 'Bearer realm="example-corp", error="insufficient_scope", scope="orders:write"' });
  }
  res.writeHead(200, { 'X-Auth-User': c.sub, 'X-Auth-Scopes': c.scope || '', 'Content-Length': 0 });
  res.end();
}).listen(Number(process.argv[2]), '127.0.0.1');
