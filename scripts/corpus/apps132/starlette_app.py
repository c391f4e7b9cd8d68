"""Round 132: the Larkspur orders API, plain Starlette (no FastAPI), served as
ASGI by Daphne (behind nginx and HAProxy), Granian (behind Apache and Caddy),
Hypercorn (behind Varnish) and Uvicorn (behind Squid).

Errors are the app's JSON {"error": {"code", "message"}} (no status number in
it), except /api/boom (Starlette's plain "Internal Server Error", debug off)
and unrouted paths (Starlette's plain "Not Found"). The app's 401 comes in two
kinds: /api/account with `WWW-Authenticate: Bearer error="invalid_token"` and
/api/session with no challenge at all. /api/orders/1 is public, max-age=60.
"""
import asyncio
import json

from starlette.applications import Starlette
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

ORDERS = {1: {"id": 1, "ref": "LS-2041", "total": "42.00", "currency": "EUR", "status": "shipped"}}


def err(status, code, message, headers=None):
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def order(request):
    oid = request.path_params["oid"]
    if not oid.isdigit():
        return err(400, "bad_order_id", "order id must be a number")
    if int(oid) not in ORDERS:
        return err(404, "order_not_found", f"no order {oid}")
    return JSONResponse(ORDERS[int(oid)], headers={"Cache-Control": "public, max-age=60"})


async def create(request):
    raw = await request.body()
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        return err(400, "malformed_json", "request body is not valid JSON")
    missing = [f for f in ("sku", "quantity") if f not in body]
    if missing:
        return JSONResponse({"error": {"code": "validation_failed", "message": "invalid order",
                                       "fields": {f: "required" for f in missing}}}, status_code=422)
    return err(409, "duplicate_order", "an order with this idempotency key already exists")


async def cancel(request):
    return err(409, "order_already_shipped", "order 1 has shipped and cannot be cancelled")


async def account(request):
    return err(401, "invalid_token", "access token expired",
               {"WWW-Authenticate": 'Bearer realm="larkspur", error="invalid_token"'})


async def session(request):
    return err(401, "no_session", "sign in first")


async def admin(request):
    return err(403, "forbidden", "role 'viewer' may not read the audit log")


async def quota(request):
    return err(429, "rate_limited", "100 requests per minute", {"Retry-After": "42"})


async def export(request):
    return err(503, "export_paused", "exports are paused during the nightly backup", {"Retry-After": "900"})


async def latest(request):
    return RedirectResponse("/api/orders/1")


async def boom(request):
    raise RuntimeError("stock ledger out of sync")


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"ok": True})


async def health(request):
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[
    Route("/api/orders", create, methods=["POST"]),
    Route("/api/orders/{oid}", order),
    Route("/api/orders/{oid}/cancel", cancel, methods=["POST"]),
    Route("/api/account", account), Route("/api/session", session), Route("/api/admin/audit", admin),
    Route("/api/quota", quota), Route("/api/export", export), Route("/api/latest", latest),
    Route("/api/boom", boom), Route("/api/slow", slow), Route("/healthz", health),
])
