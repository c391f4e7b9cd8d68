// Elysia on Bun for the round-5 evidence corpus (capture-round5.sh).
//
//   bun apps5.elysia.js PORT
//
// An orders API written with Elysia, bound to 127.0.0.1. Its errors are
// Elysia's own: a thrown Error, NOT_FOUND for no route, `status(503, ...)`,
// and a body that fails the schema (422, JSON).
//   /api/health 200;  /api/users/42 200, other ids status(404, ...)
//   /api/boom    throws;  /api/down status(503, ...);  POST /api/orders validated
//   /api/pay     the app's JSON 502;  /api/report the app's HTML 504
const { Elysia, t } = require("elysia");

const REPORT_HTML = `<html><head><title>504 Gateway Timeout</title></head>
<body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>
`;

const port = Number(process.argv[2]);
if (!(port >= 23000 && port <= 23999)) throw new Error("port must be in 23000-23999");

new Elysia()
  .onRequest(({ request }) => {
    // proxies route by prefix (/elysia/api/...): the app answers either way
  })
  .get("/api/health", () => ({ status: "ok" }))
  .get("/api/users/:id", ({ params, status }) =>
    params.id === "42" ? { id: 42, name: "Ada" } : status(404, "user not found"))
  .get("/api/boom", () => { throw new Error("ledger connection lost"); })
  .get("/api/down", ({ status }) => status(503, "orders database under maintenance"))
  .get("/api/pay", ({ status }) =>
    status(502, { error: { code: "bad_gateway", message: "payment provider returned an invalid response" } }))
  .get("/api/report", () => new Response(REPORT_HTML, { status: 504, headers: { "Content-Type": "text/html" } }))
  .post("/api/orders", ({ body }) => ({ id: 1, ...body }), {
    body: t.Object({ sku: t.String(), qty: t.Number({ minimum: 1 }) }),
  })
  .listen({ hostname: "127.0.0.1", port });
