// Round-47 corpus: an API gateway as a team writes it on Express 5 with
// http-proxy-middleware, express-rate-limit and express-jwt, in front of the
// Flask orders API (gunicorn). Nothing here is an endpoint of its own:
// everything is checked and forwarded.
//   /api/*       X-API-Key required (401 without, 403 for an unknown key)
//   /partner/*   a JWT (HS256, express-jwt); the prefix is stripped
//   /api/catalog express-rate-limit, 2 a minute, draft-7 headers, stock text
//   bodies over 1 KiB (by Content-Length): the gateway's JSON 413
//   proxy errors: on.error writes JSON 502 (refused) or 504 (proxyTimeout)
//   /api/reports/* copies X-Tenant into X-Tenant-Id in lower case, with a bug:
//                  no X-Tenant header throws (Express's own 500 page)
//   anything else: the gateway's JSON 404
// node hpm_gateway.js PORT UPSTREAM DEAD_UPSTREAM
'use strict';
const express = require('express');
const { createProxyMiddleware } = require('http-proxy-middleware');
const { rateLimit } = require('express-rate-limit');
const { expressjwt } = require('express-jwt');

const [port, upstream, deadUpstream] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const KEYS = new Map([['k-live-7f3a9c2e', 'storefront'], ['k-live-0b81d4aa', 'mobile']]);
const app = express();
app.disable('x-powered-by');
app.set('env', 'production');

const gwError = (res, status, code, message, headers) => {
  if (headers) res.set(headers);
  res.status(status).json({ error: code, message, gateway: 'orders-gw' });
};

function onProxyError(err, req, res) {
  if (res.headersSent) return res.end();
  const timedOut = err.code === 'ECONNRESET' || err.code === 'ETIMEDOUT';
  if (timedOut) return gwError(res, 504, 'upstream_timeout', 'orders service did not answer within 2000ms');
  return gwError(res, 502, 'upstream_unavailable', `orders service unreachable (${err.code})`);
}

app.use((req, res, next) => {
  const len = Number(req.get('content-length') || 0);
  if (len > 1024) return gwError(res, 413, 'payload_too_large', `request body of ${len} bytes exceeds the 1024-byte limit`);
  next();
});

const partnerProxy = createProxyMiddleware({
  target: upstream, changeOrigin: true, proxyTimeout: 2000,
  on: { error: onProxyError },
});
app.use('/partner', expressjwt({ secret: 'round47-partner-signing-key', algorithms: ['HS256'] }), partnerProxy);

function apiKey(req, res, next) {
  const key = req.get('x-api-key');
  if (!key) return gwError(res, 401, 'missing_api_key', 'X-API-Key header is required', { 'WWW-Authenticate': 'ApiKey realm="orders-gw"' });
  if (!KEYS.has(key)) return gwError(res, 403, 'invalid_api_key', 'API key is not recognised');
  req.headers['x-consumer'] = KEYS.get(key);
  next();
}

const catalogLimit = rateLimit({ windowMs: 60 * 1000, limit: 2, standardHeaders: 'draft-7', legacyHeaders: false });

const apiProxy = createProxyMiddleware({
  target: upstream, changeOrigin: true, proxyTimeout: 2000,
  pathRewrite: (path) => '/api' + path,
  on: { error: onProxyError },
});
const billingProxy = createProxyMiddleware({
  target: deadUpstream, changeOrigin: true, proxyTimeout: 2000,
  pathRewrite: (path) => '/api/billing' + path,
  on: { error: onProxyError },
});
app.use('/api/catalog', catalogLimit);
function tenantHeader(req, res, next) {
  req.headers['x-tenant-id'] = req.get('x-tenant').toLowerCase(); // TypeError without X-Tenant
  next();
}

app.use('/api/billing', apiKey, billingProxy);
app.use('/api/reports', apiKey, tenantHeader, apiProxy);
app.use('/api', apiKey, apiProxy);

app.use((req, res) => gwError(res, 404, 'no_route', `no upstream is configured for ${req.method} ${req.path}`));

app.use((err, req, res, next) => {
  if (err.name === 'UnauthorizedError') {
    res.set('WWW-Authenticate', `Bearer realm="partners", error="${err.code}"`);
    return gwError(res, 401, err.code, err.message);
  }
  return next(err); // Express's own 500 page
});

app.listen(port, '127.0.0.1');
