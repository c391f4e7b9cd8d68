// Round 98: the Dunlin orders API (Express 4.22 on node:http, behind Varnish).
// /api/boom throws inside the route (Express's finalhandler answers);
// /api/crash throws in a timer, outside Express, and the process dies.
const express = require("express");
const http = require("http");
const app = express();
app.use(express.json());
app.get("/api/orders/:id", (req, res) => {
  if (req.params.id !== "1") return res.status(404).json({ error: "not_found", message: `order ${req.params.id} does not exist` });
  res.set("Cache-Control", "public, max-age=60").json({ id: 1, ref: "DN-1001", total: "3.30" });
});
app.post("/api/orders", (req, res) => {
  if (!req.body || !req.body.ref) return res.status(422).json({ error: "validation_failed", fields: { ref: "required" } });
  res.status(201).json({ id: 2, ref: req.body.ref });
});
app.get("/api/account", (req, res) => {
  if (!req.get("authorization")) return res.status(401).json({ error: "unauthorized" });
  res.json({ user: "ops" });
});
app.get("/api/limited", (req, res) => res.status(429).set("Retry-After", "10").json({ error: "rate_limited" }));
app.get("/api/fail", (req, res) => res.status(500).json({ error: "internal", message: "ledger unavailable" }));
app.get("/api/boom", () => { throw new Error("boom before any response"); });
app.get("/api/crash", () => { setTimeout(() => { throw new Error("crash"); }, 10); });
app.get("/api/old-orders/1", (req, res) => res.redirect(301, "/api/orders/1"));
app.get("/api/slow", (req, res) => setTimeout(() => res.json({ slept: req.query.s }), 1000 * Number(req.query.s || 5)));
app.get("/api/echo", (req, res) => res.json({ headers: Object.keys(req.headers).length }));
const server = http.createServer(app);
server.listen(Number(process.argv[2]), "127.0.0.1");
