// Round-64 corpus: an API front written on http-proxy-3 (a modern rewrite of
// node-http-proxy, which no earlier round used) and Node's own http server,
// the way a small team puts a Node gateway in front of one service. Its own
// answers are RFC 9457 problem documents (application/problem+json):
//
//   - every answer carries its own X-Correlation-Id, its own pages included;
//     answers it passes on also get "Via: 1.1 ledgerline-gw";
//   - a Host other than loans.tidemark.test: 421 Misdirected Request;
//   - a method other than GET/HEAD/POST/PUT/DELETE/OPTIONS: 405 (Allow);
//   - /internal/*: 403; /api/exports/*: 429 (Retry-After); /api/returns/*:
//     503; /api/beta/*: an empty 503 (only Server: names it);
//   - a declared body over 1 KB: 413;
//   - /legacy/* goes to a port nobody listens on: 502;
//   - the upstream takes more than 2 s (proxyTimeout): 504;
//   - everything else goes to the srvx app.
// Node's own http parser still answers an oversized header block (431, run
// with --max-http-header-size) and a malformed request (400) before any of
// this code runs.
//
// usage: node --max-http-header-size=4096 hp3_gateway.mjs PORT UPSTREAM_PORT DEAD_PORT
// (CORPUS_NODE_MODULES: the node_modules folder holding http-proxy-3)
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { createProxyServer } = require(path.join(process.env.CORPUS_NODE_MODULES, 'http-proxy-3'));
const [port, upstream, dead] = process.argv.slice(2).map(Number);
const HOST = 'loans.tidemark.test';
const SERVER = 'ledgerline-gw';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

const proxy = createProxyServer({ proxyTimeout: 2000, xfwd: true });

function problem(res, status, title, detail, headers) {
  if (res.headersSent) { res.destroy(); return; }
  const h = { Server: SERVER, ...(headers || {}) };
  let body;
  if (title !== null) {
    body = JSON.stringify({ type: `https://errors.ledgerline.test/${status}`, title, status, detail,
      instance: res.getHeader('X-Correlation-Id') }) + '\n';
    h['Content-Type'] = 'application/problem+json';
    h['Content-Length'] = Buffer.byteLength(body);
  } else {
    h['Content-Length'] = 0;
  }
  res.writeHead(status, h);
  res.end(body);
}

proxy.on('error', (err, req, res) => {
  if (!res || typeof res.writeHead !== 'function') return;
  if (err && err.code === 'ECONNREFUSED') {
    problem(res, 502, 'Bad Gateway', 'the upstream service refused the connection');
  } else {
    problem(res, 504, 'Gateway Timeout', 'the upstream service did not answer within 2 s');
  }
});

const server = http.createServer((req, res) => {
  const cid = randomUUID();
  res.setHeader('X-Correlation-Id', cid);
  const host = (req.headers.host || '').replace(/:\d+$/, '');
  const url = req.url || '/';
  if (host !== HOST) return problem(res, 421, 'Misdirected Request', `this gateway does not serve ${host || '(no host)'}`);
  if (!METHODS.includes(req.method)) return problem(res, 405, 'Method Not Allowed', `${req.method} is not accepted here`, { Allow: METHODS.join(', ') });
  if (url.startsWith('/internal/')) return problem(res, 403, 'Forbidden', 'internal endpoints are not reachable from outside');
  if (url.startsWith('/api/exports/')) return problem(res, 429, 'Too Many Requests', 'export quota for this key is used up', { 'Retry-After': '60' });
  if (url.startsWith('/api/returns/')) return problem(res, 503, 'Service Unavailable', 'returns are switched off until 18:00 UTC', { 'Retry-After': '3600' });
  if (url.startsWith('/api/beta/')) return problem(res, 503, null);
  if (Number(req.headers['content-length'] || 0) > 1024) return problem(res, 413, 'Content Too Large', 'request bodies are limited to 1 KB', { Connection: 'close' });
  res.setHeader('Via', '1.1 ledgerline-gw');
  const target = url.startsWith('/legacy/') ? `http://127.0.0.1:${dead}` : `http://127.0.0.1:${upstream}`;
  proxy.web(req, res, { target });
});
server.listen(port, '127.0.0.1');
