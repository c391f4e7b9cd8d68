// Round-23 corpus: an Express gateway on http-proxy-middleware 3.
// /orders -> the orders service; /legacy -> a service that is not running,
// stock error handling (the middleware's text 504);
// /reviews -> a service that is not running, with a custom on.error handler
// writing JSON 502; /ledger -> a service that resets, custom handler;
// /slow -> orders with proxyTimeout 1500 (under the fronts' 2 s) and the
// custom handler (504 JSON).
'use strict';
const express = require('express');
const { createProxyMiddleware } = require('http-proxy-middleware');

const port = Number(process.argv[2] || 41024);
const ORDERS = process.env.ORDERS_URL || 'http://127.0.0.1:41010';

function custom(err, req, res) {
  const timeout = err.code === 'ECONNRESET' && req.timedOut;
  const status = timeout ? 504 : 502;
  if (!res.headersSent) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
  }
  res.end(JSON.stringify({ status, error: timeout ? 'upstream timeout' : 'upstream unavailable', code: err.code }));
}

const app = express();
app.use('/orders', createProxyMiddleware({ target: ORDERS + '/api', changeOrigin: true }));
app.use('/legacy', createProxyMiddleware({ target: 'http://127.0.0.1:41019/api' }));
app.use('/reviews', createProxyMiddleware({ target: 'http://127.0.0.1:41019/api', on: { error: custom } }));
app.use('/ledger', createProxyMiddleware({ target: 'http://127.0.0.1:41011/api', on: { error: custom } }));
app.use('/slow', (req, res, next) => { setTimeout(() => { req.timedOut = true; }, 1400); next(); },
  createProxyMiddleware({ target: ORDERS + '/api/slow', proxyTimeout: 1500, on: { error: custom } }));
app.listen(port, '127.0.0.1');
