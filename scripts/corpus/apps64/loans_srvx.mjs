// Round-64 corpus: the Tidemark loans API (rounds 56 and 60's routes) on
// srvx, the unjs "universal server" (web-standard Request/Response handlers
// on Node's http server), which no earlier round used. srvx has no router:
// the handler matches paths itself, as small srvx services do.
//
//   GET  /api/loans/1   200 JSON        GET /api/loans/9   404 JSON
//   GET  /api/account   401 JSON        GET /api/admin     403 JSON
//   POST /api/loans     409 JSON (a duplicate ref), 422 JSON (no "ref")
//   GET  /api/quota     429 JSON (Retry-After)
//   GET  /api/maintenance 503 JSON (Retry-After)
//   GET  /api/payments, /api/search, /api/courier: the app's own HTML 502/503/504
//   GET  /api/boom      throws (srvx's own 500)
//   GET  /api/slow      sleeps 5 s, then 200
//   GET  /healthz       200 text
//   anything else       the app's own plain-text 404
//
// usage: node loans_srvx.mjs PORT   (CORPUS_NODE_MODULES: the node_modules folder holding srvx)
import path from 'node:path';

const { serve } = await import(path.join(process.env.CORPUS_NODE_MODULES, 'srvx/dist/adapters/node.mjs'));
const port = Number(process.argv[2]);

const PAGES = {
  502: ['502 Bad Gateway', 'Bad Gateway', 'The card processor sent back a reply we could not understand. Nothing was charged.'],
  503: ['503 Service Unavailable', 'Service Unavailable', 'Catalogue search is being reindexed. Please come back in a few minutes.'],
  504: ['504 Gateway Timeout', 'Gateway Timeout', 'The courier service took too long to answer. Your loan is still booked.'],
};
function page(status) {
  const [title, h1, text] = PAGES[status];
  return new Response(`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n` +
    `<body>\n<h1>${h1}</h1>\n<p>${text}</p>\n<footer>Tidemark lending desk</footer>\n</body></html>\n`,
    { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
function err(status, error, message, headers) {
  return Response.json({ error, message }, { status, headers });
}
const LOANS = { 1: { id: 1, ref: 'TM-2001', status: 'on_loan', items: 2 } };

async function handler(req) {
  const url = new URL(req.url);
  const p = url.pathname;
  const method = req.method === 'HEAD' ? 'GET' : req.method;  // Node drops the body of a HEAD answer
  let m;
  if (method === 'GET' && (m = p.match(/^\/api\/loans\/(\d+)$/))) {
    const loan = LOANS[Number(m[1])];
    return loan ? Response.json(loan) : err(404, 'loan_not_found', `no loan ${m[1]}`);
  }
  if (method === 'POST' && p === '/api/loans') {
    let data = null;
    try { data = await req.json(); } catch { data = null; }
    if (!data || typeof data !== 'object' || !('ref' in data)) return err(422, 'validation_failed', "field 'ref' is required");
    return err(409, 'duplicate_ref', `a loan with ref ${data.ref} already exists`);
  }
  if (method === 'GET') {
    switch (p) {
      case '/api/account': return err(401, 'unauthorized', 'a bearer token is required', { 'WWW-Authenticate': 'Bearer realm="tidemark"' });
      case '/api/admin': return err(403, 'forbidden', 'your role may not open the admin area');
      case '/api/quota': return err(429, 'rate_limited', '120 requests per minute per key', { 'Retry-After': '30' });
      case '/api/maintenance': return err(503, 'maintenance', 'loans are read-only during the migration', { 'Retry-After': '120' });
      case '/api/payments': return page(502);
      case '/api/search': return page(503);
      case '/api/courier': return page(504);
      case '/api/boom': throw new TypeError("Cannot read properties of undefined (reading 'items')");
      case '/api/slow': await new Promise((r) => setTimeout(r, 5000)); return Response.json({ slow: true });
      case '/healthz': return new Response('ok\n', { headers: { 'Content-Type': 'text/plain' } });
    }
  }
  return new Response(`no route for ${req.method} ${p}\n`, { status: 404, headers: { 'Content-Type': 'text/plain' } });
}

serve({ port, hostname: '127.0.0.1', silent: true, fetch: handler });
