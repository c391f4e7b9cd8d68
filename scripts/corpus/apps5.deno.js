// Deno.serve for the round-5 evidence corpus (capture-round5.sh).
//
//   deno run --allow-net=127.0.0.1 --allow-read apps5.deno.js PORT [TLSPORT CERT KEY]
//
// An orders API on Deno's own HTTP server, bound to 127.0.0.1. With TLSPORT,
// the same handler again over TLS, where Deno speaks h2 by ALPN. A handler
// that throws is answered by Deno itself ("Internal Server Error").
//   /api/health 200;  /api/users/42 200, other ids the app's JSON 404
//   /api/boom    throws;  /api/down the app's JSON 503 with Retry-After
//   /api/pay     the app's JSON 502;  /api/maint the app's HTML 503
//   /api/catalog cacheable, with an ETag; never answers 304 itself

const MAINT_HTML = `<!DOCTYPE html>
<html><head><title>503 Service Unavailable</title></head>
<body><h1>Service Unavailable</h1><p>The orders service is down for maintenance.</p></body></html>
`;

function stripPrefix(u) {
  const i = u.indexOf("/api/");
  return i > 0 ? u.slice(i) : u;
}

function handler(req) {
  const path = stripPrefix(new URL(req.url).pathname);
  if (path === "/api/health") return Response.json({ status: "ok" });
  if (path === "/api/users/42") return Response.json({ id: 42, name: "Ada" });
  if (path.startsWith("/api/users/")) {
    return Response.json({ error: "not_found", message: "no such user" }, { status: 404 });
  }
  if (path === "/api/boom") throw new Error("ledger connection lost");
  if (path === "/api/down") {
    return Response.json({ error: "maintenance", message: "orders database under maintenance" },
      { status: 503, headers: { "Retry-After": "120" } });
  }
  if (path === "/api/pay") {
    return Response.json({ error: { code: "bad_gateway", message: "payment provider returned an invalid response" } },
      { status: 502 });
  }
  if (path === "/api/maint") {
    return new Response(MAINT_HTML, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
  if (path === "/api/catalog") {
    return Response.json({ items: [{ sku: "SKU-1", price: 12 }] }, {
      headers: { "Cache-Control": "public, max-age=2", "ETag": '"catalog-v7"' },
    });
  }
  return new Response("Not Found", { status: 404 });
}

const [port, tlsPort, cert, key] = Deno.args.map((a, i) => (i < 2 ? Number(a) : a));
const onListen = () => {};
Deno.serve({ hostname: "127.0.0.1", port, onListen }, handler);
if (tlsPort) {
  Deno.serve({
    hostname: "127.0.0.1", port: tlsPort, onListen,
    cert: Deno.readTextFileSync(cert), key: Deno.readTextFileSync(key),
  }, handler);
}
