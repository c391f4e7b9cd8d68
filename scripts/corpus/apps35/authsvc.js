// Round 35: a Node check service for Caddy forward_auth on /api/*. Accepts
// "Authorization: Token <key>" for known DRF client keys, or an X-Api-Key
// for partners; answers 200 with X-Auth-Client, a JSON 401 (with
// WWW-Authenticate) for no or unknown credentials, a JSON 403 for a partner
// key used on a write. Plain http module, no framework.
'use strict';
const http = require('http');
const CLIENTS = {
  '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b': 'mobile-app',
  'c1a6f0e8d27b4935ae10f4c2b8d7e6a3f9051b2d': 'backoffice',
};
const PARTNERS = { 'ak_prod_3f9c2e71b8d04a56': 'northwind' };
function send(res, code, obj, extra) {
  const body = JSON.stringify(obj);
  res.writeHead(code, Object.assign({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' }, extra || {}));
  res.end(body);
}
http.createServer((req, res) => {
  const auth = req.headers['authorization'] || '';
  const key = req.headers['x-api-key'];
  const method = req.headers['x-forwarded-method'] || 'GET';
  if (key) {
    if (!PARTNERS[key]) return send(res, 401, { code: 'invalid_api_key', message: 'The API key is not recognised' }, { 'WWW-Authenticate': 'ApiKey realm="shop"' });
    if (method !== 'GET') return send(res, 403, { code: 'read_only_key', message: 'Partner keys are read-only' });
    res.writeHead(200, { 'X-Auth-Client': PARTNERS[key] }); return res.end();
  }
  if (!auth) return send(res, 401, { code: 'unauthenticated', message: 'Authorization header missing' }, { 'WWW-Authenticate': 'Token realm="shop"' });
  const m = /^Token ([0-9a-f]{40})$/.exec(auth);
  if (!m || !CLIENTS[m[1]]) return send(res, 401, { code: 'invalid_credentials', message: 'Token rejected by auth service' }, { 'WWW-Authenticate': 'Token realm="shop", error="invalid_token"' });
  res.writeHead(200, { 'X-Auth-Client': CLIENTS[m[1]] }); res.end();
}).listen(Number(process.argv[2]), '127.0.0.1');
