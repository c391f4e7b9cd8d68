// Round-60 corpus: an API front written on httpxy (the unjs fork of
// node-http-proxy) and Node's own http server, the way a small team puts a
// Node gateway in front of one service. It answers for its upstream:
//
//   - every answer it sends back carries its own X-Request-Id, its own pages
//     included; answers it passes on also get "Via: 1.1 tidemark-edge";
//   - Host other than loans.tidemark.test: its own JSON 404;
//   - /api/exports/*: its own JSON 429 (Retry-After); /api/returns/*: its own
//     JSON 503; /api/beta/*: an empty 503 (only Server: names it);
//   - a declared body over 1 KB: its own JSON 413;
//   - /legacy/* goes to a port nobody listens on: its own JSON 502;
//   - the upstream takes more than 2 s (proxyTimeout): an empty 504;
//   - everything else goes to the rAPIdy app.
// Node's own http parser still answers an oversized header block (431, run
// with --max-http-header-size) and a malformed request (400) before any of
// this code runs.
//
// usage: node --max-http-header-size=4096 httpxy_gateway.mjs PORT UPSTREAM_PORT DEAD_PORT
// (CORPUS_NODE_MODULES: the node_modules folder holding httpxy)
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

const { createProxyServer } = await import(path.join(process.env.CORPUS_NODE_MODULES, 'httpxy/dist/index.mjs'));
const [port, upstream, dead] = process.argv.slice(2).map(Number);
const HOST = 'loans.tidemark.test';
const SERVER = 'tidemark-edge';

const proxy = createProxyServer({ proxyTimeout: 2000, xfwd: true });

function own(res, status, body, headers) {
  if (res.headersSent) { res.destroy(); return; }
  const h = { Server: SERVER, ...(headers || {}) };
  if (body !== null) {
    body = JSON.stringify(body) + '\n';
    h['Content-Type'] = 'application/json';
    h['Content-Length'] = Buffer.byteLength(body);
  } else {
    h['Content-Length'] = 0;
  }
  res.writeHead(status, h);
  res.end(body === null ? undefined : body);
}

proxy.on('error', (err, req, res) => {
  if (!res || typeof res.writeHead !== 'function') return;
  if (err && err.code === 'ECONNREFUSED') {
    own(res, 502, { error: 'bad_gateway', message: 'the upstream service refused the connection', request_id: res.getHeader('X-Request-Id') });
  } else {
    own(res, 504, null);  // proxyTimeout fired: an empty 504
  }
});

const server = http.createServer((req, res) => {
  const rid = randomUUID();
  res.setHeader('X-Request-Id', rid);
  const host = (req.headers.host || '').replace(/:\d+$/, '');
  const url = req.url || '/';
  if (host !== HOST) return own(res, 404, { error: 'unknown_host', message: `no API is served for host ${host || '(none)'}`, request_id: rid });
  if (url.startsWith('/api/exports/')) return own(res, 429, { error: 'rate_limited', message: 'export quota for this key is used up', request_id: rid }, { 'Retry-After': '60' });
  if (url.startsWith('/api/returns/')) return own(res, 503, { error: 'maintenance', message: 'returns are switched off until 18:00 UTC', request_id: rid });
  if (url.startsWith('/api/beta/')) return own(res, 503, null);
  if (Number(req.headers['content-length'] || 0) > 1024) return own(res, 413, { error: 'payload_too_large', message: 'request bodies are limited to 1 KB', request_id: rid }, { Connection: 'close' });
  res.setHeader('Via', '1.1 tidemark-edge');
  const target = url.startsWith('/legacy/') ? `http://127.0.0.1:${dead}` : `http://127.0.0.1:${upstream}`;
  proxy.web(req, res, { target }).catch(() => {});
});
server.listen(port, '127.0.0.1');
