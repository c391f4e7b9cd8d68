"""Round 142: the Tidewell orders API in Sanic 25 (apps141's Brackwater app
with the routes round 142 captures added: a 201, a 302, a 403, a JSON 503).
Served by Sanic's own server (behind Apache), by Uvicorn (ASGI, behind
Caddy) and by Granian (ASGI, behind nginx).

Errors are the app's JSON {"error": {"code", "message"}} (no status number in
it), except /api/boom (an unhandled exception: Sanic's own 500 page), a POST
to a GET route (Sanic's own 405) and unrouted paths (Sanic's own 404). No
request id of its own.
"""
import asyncio
import json

from sanic import Sanic
from sanic.response import json as sjson, redirect

app = Sanic("tidewell")
app.config.FALLBACK_ERROR_FORMAT = "auto"
ORDERS = {1: {"id": 1, "ref": "TW-3107", "total": "18.90", "currency": "GBP", "status": "packed"}}


def err(status, code, message, headers=None):
    return sjson({"error": {"code": code, "message": message}}, status=status, headers=headers)


@app.get("/api/orders/<oid:str>")
async def order(request, oid):
    if not oid.isdigit():
        return err(400, "bad_order_id", "order id must be a number")
    if int(oid) not in ORDERS:
        return err(404, "order_not_found", f"no order {oid}")
    return sjson(ORDERS[int(oid)])


@app.post("/api/orders")
async def create(request):
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return err(400, "malformed_json", "request body is not valid JSON")
    missing = [f for f in ("sku", "quantity") if f not in body]
    if missing:
        return sjson({"error": {"code": "validation_failed", "message": "invalid order",
                                "fields": {f: "required" for f in missing}}}, status=422)
    if body.get("sku") == "TW-DUP":
        return err(409, "duplicate_order", "an order with this idempotency key already exists")
    return sjson({"id": 2, "sku": body["sku"], "quantity": body["quantity"], "status": "pending"},
                 status=201, headers={"Location": "/api/orders/2"})


@app.get("/api/account")
async def account(request):
    return err(401, "unauthorized", "a bearer token is required",
               {"WWW-Authenticate": 'Bearer realm="tidewell"'})


@app.get("/api/admin")
async def admin(request):
    return err(403, "forbidden", "this key may not use the admin API")


@app.get("/api/quota")
async def quota(request):
    return err(429, "rate_limited", "too many requests for this key", {"Retry-After": "30"})


@app.get("/api/maintenance")
async def maintenance(request):
    return err(503, "maintenance", "orders are read-only during the stock count", {"Retry-After": "600"})


@app.get("/api/latest")
async def latest(request):
    return redirect("/api/orders/1", status=302)


@app.get("/api/boom")
async def boom(request):
    raise RuntimeError("ledger total mismatch")


@app.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return sjson({"ok": True, "waited": 5})


@app.get("/healthz")
async def health(request):
    return sjson({"status": "ok"})
