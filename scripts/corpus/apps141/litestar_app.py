"""Round 141: the Brackwater orders API (round 132's Larkspur routes) in
Litestar 2.25, served as ASGI by Granian (behind Apache and Varnish) and
Hypercorn (behind HAProxy and Squid).

Errors are the app's JSON {"error": {"code", "message"}} (no status number in
it), except /api/boom (an unhandled exception: Litestar's own
{"status_code": 500, "detail": "Internal Server Error"}) and unrouted paths
(Litestar's own {"status_code": 404, "detail": "Not Found"}). /api/account
sends `WWW-Authenticate: Bearer error="invalid_token"`, /api/session no
challenge. /api/orders/1 is public, max-age=60.
"""
import asyncio
import json

from litestar import Litestar, Request, Response, get, post
from litestar.response import Redirect

ORDERS = {1: {"id": 1, "ref": "BW-2041", "total": "42.00", "currency": "EUR", "status": "shipped"}}


def err(status, code, message, headers=None):
    return Response({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


@get("/api/orders/{oid:str}")
async def order(oid: str) -> Response:
    if not oid.isdigit():
        return err(400, "bad_order_id", "order id must be a number")
    if int(oid) not in ORDERS:
        return err(404, "order_not_found", f"no order {oid}")
    return Response(ORDERS[int(oid)], headers={"Cache-Control": "public, max-age=60"})


@post("/api/orders")
async def create(request: Request) -> Response:
    raw = await request.body()
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        return err(400, "malformed_json", "request body is not valid JSON")
    missing = [f for f in ("sku", "quantity") if f not in body]
    if missing:
        return Response({"error": {"code": "validation_failed", "message": "invalid order",
                                   "fields": {f: "required" for f in missing}}}, status_code=422)
    return err(409, "duplicate_order", "an order with this idempotency key already exists")


@post("/api/orders/{oid:str}/cancel")
async def cancel(oid: str) -> Response:
    return err(409, "order_already_shipped", f"order {oid} has shipped and cannot be cancelled")


@get("/api/account")
async def account() -> Response:
    return err(401, "invalid_token", "access token expired",
               {"WWW-Authenticate": 'Bearer realm="brackwater", error="invalid_token"'})


@get("/api/session")
async def session() -> Response:
    return err(401, "no_session", "sign in first")


@get("/api/admin/audit")
async def admin() -> Response:
    return err(403, "forbidden", "role 'viewer' may not read the audit log")


@get("/api/quota")
async def quota() -> Response:
    return err(429, "rate_limited", "100 requests per minute", {"Retry-After": "42"})


@get("/api/export")
async def export() -> Response:
    return err(503, "export_paused", "exports are paused during the nightly backup", {"Retry-After": "900"})


@get("/api/latest")
async def latest() -> Redirect:
    return Redirect("/api/orders/1", status_code=307)


@get("/api/boom")
async def boom() -> dict:
    raise RuntimeError("stock ledger out of sync")


@get("/api/slow")
async def slow() -> dict:
    await asyncio.sleep(5)
    return {"ok": True}


@get("/healthz")
async def health() -> dict:
    return {"status": "ok"}


app = Litestar(route_handlers=[order, create, cancel, account, session, admin, quota, export,
                               latest, boom, slow, health], debug=False)
