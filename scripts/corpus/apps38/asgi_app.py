"""Round 38: the same orders API in Starlette, for Daphne and Hypercorn.

Starlette's own 404 and 405, the app's 422, 404, 503 and its own 502 when the
payment provider fails, an unhandled bug (Starlette's plain 500), an
empty-bodied 404 from a HEAD-style lookup, a handler that sleeps 5 s, and a
route that breaks before any response starts (`/api/crash`): the raw ASGI
wrapper raises there, so the server (Daphne, Hypercorn) answers on its own.
"""
import asyncio

from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


async def order(request):
    oid = request.path_params["oid"]
    if oid == 1:
        return JSONResponse({"id": 1, "sku": "A-1", "qty": 2})
    return JSONResponse({"detail": "order %d not found" % oid}, status_code=404)


async def create(request):
    try:
        body = await request.json()
    except Exception:
        return JSONResponse({"detail": "invalid JSON body"}, status_code=400)
    if not isinstance(body, dict) or not isinstance(body.get("qty"), int) or body["qty"] < 1:
        return JSONResponse({"detail": [{"loc": ["body", "qty"], "msg": "must be >= 1", "type": "value_error"}]},
                            status_code=422)
    return JSONResponse({"id": 42, "qty": body["qty"]}, status_code=201)


async def payments(request):
    await asyncio.sleep(0.2)
    return JSONResponse({"detail": "payment provider returned 500", "provider": "acquirer-eu"}, status_code=502)


async def maintenance(request):
    return JSONResponse({"detail": "read-only until 04:00 UTC"}, status_code=503, headers={"Retry-After": "900"})


async def boom(request):
    raise RuntimeError("ledger total is None")


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"ok": True})


async def sku(request):
    return Response(status_code=404)  # unknown SKU: an empty 404


async def forbidden(request):
    return JSONResponse({"detail": "not allowed for this API key"}, status_code=403)


starlette_app = Starlette(routes=[
    Route("/api/orders/{oid:int}", order),
    Route("/api/orders", create, methods=["POST"]),
    Route("/api/payments", payments),
    Route("/api/maintenance", maintenance),
    Route("/api/boom", boom),
    Route("/api/slow", slow),
    Route("/api/skus/{sku}", sku),
    Route("/api/admin", forbidden),
])


async def app(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == "/api/crash":
        raise RuntimeError("settings not loaded")
    await starlette_app(scope, receive, send)
