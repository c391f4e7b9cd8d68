"""Round 141: the Brackwater orders API (round 132's Larkspur routes) in Sanic
25, served by Sanic's own server (behind nginx and Caddy).

Errors are the app's JSON {"error": {"code", "message"}} (no status number in
it), except /api/boom (an unhandled exception: Sanic's own 500 page) and
unrouted paths (Sanic's own 404). /api/account sends
`WWW-Authenticate: Bearer error="invalid_token"`, /api/session no challenge.
"""
import asyncio
import json

from sanic import Sanic
from sanic.response import json as sjson, redirect

app = Sanic("brackwater")
app.config.FALLBACK_ERROR_FORMAT = "auto"
ORDERS = {1: {"id": 1, "ref": "BW-2041", "total": "42.00", "currency": "EUR", "status": "shipped"}}


def err(status, code, message, headers=None):
    return sjson({"error": {"code": code, "message": message}}, status=status, headers=headers)


@app.get("/api/orders/<oid:str>")
async def order(request, oid):
    if not oid.isdigit():
        return err(400, "bad_order_id", "order id must be a number")
    if int(oid) not in ORDERS:
        return err(404, "order_not_found", f"no order {oid}")
    return sjson(ORDERS[int(oid)], headers={"Cache-Control": "public, max-age=60"})


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
    return err(409, "duplicate_order", "an order with this idempotency key already exists")


@app.post("/api/orders/<oid:str>/cancel")
async def cancel(request, oid):
    return err(409, "order_already_shipped", f"order {oid} has shipped and cannot be cancelled")


@app.get("/api/account")
async def account(request):
    return err(401, "invalid_token", "access token expired",
               {"WWW-Authenticate": 'Bearer realm="brackwater", error="invalid_token"'})


@app.get("/api/session")
async def session(request):
    return err(401, "no_session", "sign in first")


@app.get("/api/admin/audit")
async def admin(request):
    return err(403, "forbidden", "role 'viewer' may not read the audit log")


@app.get("/api/quota")
async def quota(request):
    return err(429, "rate_limited", "100 requests per minute", {"Retry-After": "42"})


@app.get("/api/export")
async def export(request):
    return err(503, "export_paused", "exports are paused during the nightly backup", {"Retry-After": "900"})


@app.get("/api/latest")
async def latest(request):
    return redirect("/api/orders/1", status=307)


@app.get("/api/boom")
async def boom(request):
    raise RuntimeError("stock ledger out of sync")


@app.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return sjson({"ok": True})


@app.get("/healthz")
async def health(request):
    return sjson({"status": "ok"})
