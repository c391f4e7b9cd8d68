// Round-19 corpus: an API gateway written as an Express app. /api/inventory
// is forwarded as it is to the Fastify inventory service by
// http-proxy-middleware (a pure forwarder: its own 502/504 are a proxy's);
// /api/reviews goes to a service that is not running; /bff/* are the
// gateway's own routes (its answers are the app's).
const express = require('express');
const { createProxyMiddleware } = require('http-proxy-middleware');
const app = express();
app.use(createProxyMiddleware({ pathFilter: '/api/inventory', target: 'http://127.0.0.1:37017', proxyTimeout: 2000, timeout: 2000 }));
app.use(createProxyMiddleware({ pathFilter: '/api/reviews', target: 'http://127.0.0.1:37099' }));
app.get('/bff/me', (req, res) => res.status(401).json({ error: 'unauthorized', message: 'log in first' }));
app.get('/bff/boom', (req, res) => { throw new Error('session store unreachable'); });
app.listen(Number(process.argv[2]), '127.0.0.1');
