// Round-150 corpus: the Ferrule bookings API on Bun's built-in server
// (Bun.serve, no framework). JSON errors {"error","message"}, an HTML 403
// page, an HTML 502 and a text 504 about a dependency, a JSON 503, a 301, a
// 204, a 304 for the booking's ETag; unknown paths get a text "Not Found";
// /api/boom throws (Bun's own 500, development off). /api/slow sleeps 5 s.
//   bun bun_app.js PORT
const port = Number(process.argv[2]);
const ETAG = '"fe-b1-v7"';
const json = (status, body, headers = {}) =>
  new Response(JSON.stringify(body) + "\n", { status, headers: { "Content-Type": "application/json", ...headers } });
const err = (status, error, message, headers = {}) => json(status, { error, message }, headers);
const html = (status, text) => new Response(text, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });

Bun.serve({
  hostname: "127.0.0.1",
  port,
  development: false,
  async fetch(req) {
    const url = new URL(req.url);
    const path = url.pathname;
    const m = path.match(/^\/api\/bookings\/([^/]+)$/);
    if (m) {
      const id = m[1];
      if (req.method === "DELETE") return id === "1" ? new Response(null, { status: 204 }) : err(404, "booking_not_found", `no booking ${id}`);
      if (req.method !== "GET" && req.method !== "HEAD") return err(405, "method_not_allowed", `${req.method} is not allowed here`, { Allow: "GET, HEAD, DELETE" });
      if (!/^\d+$/.test(id)) return err(400, "bad_booking_id", "booking id must be a number");
      if (id !== "1") return err(404, "booking_not_found", `no booking ${id}`);
      if (req.headers.get("if-none-match") === ETAG) return new Response(null, { status: 304, headers: { ETag: ETAG, "Cache-Control": "private, max-age=60" } });
      return json(200, { id: 1, room: "Linden 4", from: "2025-06-12", nights: 2, state: "confirmed" }, { ETag: ETAG, "Cache-Control": "private, max-age=60" });
    }
    if (path === "/api/bookings") {
      if (req.method !== "POST") return err(405, "method_not_allowed", "use POST", { Allow: "POST" });
      let b;
      try { b = JSON.parse(await req.text()); } catch { return err(400, "malformed_json", "the body is not valid JSON"); }
      if (!b || typeof b !== "object") return err(400, "malformed_json", "the body is not a JSON object");
      if (!b.room) return json(422, { error: "validation_failed", message: "room is required", fields: { room: "required" } });
      if (b.room === "Linden 4") return err(409, "room_taken", "Linden 4 is already booked for these nights");
      return json(201, { id: 2, room: b.room, state: "held" }, { Location: "/api/bookings/2" });
    }
    if (path === "/api/me") return err(401, "unauthorized", "a bearer token is required", { "WWW-Authenticate": 'Bearer realm="ferrule"' });
    if (path === "/api/admin") return html(403, "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body><h1>Forbidden</h1><p>Front desk staff only.</p></body></html>\n");
    if (path === "/api/payments") return html(502, "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway - Ferrule</title></head>\n<body><h1>Bad Gateway</h1><p>The card processor sent an invalid answer.</p></body></html>\n");
    if (path === "/api/availability") return err(503, "inventory_unavailable", "the channel manager is down", { "Retry-After": "120" });
    if (path === "/api/rates") return new Response("Gateway Timeout: the rates service did not answer in 3 s\n", { status: 504, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (path === "/api/boom") throw new Error("room table is undefined");
    const r = path.match(/^\/b\/(\d+)$/);
    if (r) return new Response("Moved Permanently\n", { status: 301, headers: { Location: `/api/bookings/${r[1]}`, "Content-Type": "text/plain" } });
    if (path === "/api/slow") { await Bun.sleep(5000); return json(200, { status: "late" }); }
    return new Response("Not Found\n", { status: 404, headers: { "Content-Type": "text/plain" } });
  },
});
console.log(`listening on ${port}`);
