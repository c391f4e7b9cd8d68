"""Round 154: "Pipit" orders API in plain Starlette (uvicorn, behind lighttpd)."""
import asyncio
from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response, RedirectResponse
from starlette.routing import Route

ETAG = '"pp-o1-v1"'


def err(status, code, msg, **hdr):
    return JSONResponse({"error": {"code": code, "message": msg}}, status, headers=hdr or None)


async def order(req):
    oid = req.path_params["oid"]
    if req.method == "DELETE":
        return Response(status_code=204)
    if oid != 1:
        return err(404, "order_not_found", f"no order {oid}")
    if req.headers.get("if-none-match") == ETAG:
        return Response(status_code=304, headers={"ETag": ETAG})
    return JSONResponse({"id": 1, "status": "open", "total": 7.25}, headers={"ETag": ETAG})


async def create(req):
    try:
        b = await req.json()
    except Exception:
        b = {}
    if "qty" not in b:
        return err(422, "validation_failed", "qty is required")
    if b.get("sku") == "DUP":
        return err(409, "conflict", "order for sku DUP already open")
    return JSONResponse({"id": 2, "status": "created"}, 201, headers={"Location": "/api/orders/2"})


async def me(req):
    return err(401, "unauthorized", "token expired", **{"WWW-Authenticate": 'Bearer error="invalid_token"'})


async def admin(req):
    return err(403, "forbidden", "admin scope required")


async def quota(req):
    return err(429, "rate_limited", "slow down", **{"Retry-After": "30"})


async def inventory(req):
    return err(503, "unavailable", "inventory-db down", **{"Retry-After": "15"})


async def boom(req):
    raise RuntimeError("stock is None")


async def old(req):
    return RedirectResponse(f"/api/orders/{req.path_params['oid']}", 301)


async def slow(req):
    await asyncio.sleep(5)
    return JSONResponse({"ok": True})


app = Starlette(routes=[
    Route("/api/orders/{oid:int}", order, methods=["GET", "DELETE"]),
    Route("/api/orders", create, methods=["POST"]),
    Route("/api/me", me), Route("/api/admin", admin), Route("/api/quota", quota),
    Route("/api/inventory", inventory), Route("/api/boom", boom),
    Route("/old/orders/{oid:int}", old), Route("/api/slow", slow),
])
