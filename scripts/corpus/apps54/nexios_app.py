"""Round-54 corpus: the Parcelworks orders API (routes as in muffin_app.py)
on Nexios, an ASGI framework, run by uvicorn. Nexios's own handlers write
the 404 for an unknown route, the 405 and the 500 for /api/boom."""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nexios import NexiosApp  # noqa: E402
from upstream_pages import page  # noqa: E402

app = NexiosApp(debug=False, title="Parcelworks orders")
ORDERS = {1: {"id": 1, "ref": "PW-1001", "status": "packed", "items": 3}}


def err(response, status, code, message, **headers):
    return response.json({"error": code, "message": message}, status_code=status, headers=headers)


@app.get("/api/orders/{oid:int}")
async def order(request, response, oid: int):
    if oid in ORDERS:
        return response.json(ORDERS[oid])
    return err(response, 404, "order_not_found", "no order %d" % oid)


@app.post("/api/orders")
async def create(request, response):
    try:
        data = await request.json
    except Exception:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(response, 422, "validation_failed", "field 'ref' is required")
    return err(response, 409, "duplicate_ref", "an order with ref %s already exists" % data["ref"])


@app.get("/api/account")
async def account(request, response):
    return err(response, 401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="parcelworks"'})


@app.get("/api/admin")
async def admin(request, response):
    return err(response, 403, "forbidden", "your role may not open the admin area")


@app.get("/api/quota")
async def quota(request, response):
    return err(response, 429, "rate_limited", "60 requests per minute per key", **{"Retry-After": "30"})


@app.get("/api/maintenance")
async def maintenance(request, response):
    return err(response, 503, "maintenance", "orders are read-only during the migration", **{"Retry-After": "120"})


@app.get("/api/payments")
async def payments(request, response):
    return response.html(page(502), status_code=502)


@app.get("/api/tracking")
async def tracking(request, response):
    return response.html(page(503), status_code=503)


@app.get("/api/carrier")
async def carrier(request, response):
    return response.html(page(504), status_code=504)


@app.get("/api/boom")
async def boom(request, response):
    return response.json({"total": 1 / 0})


@app.get("/api/slow")
async def slow(request, response):
    await asyncio.sleep(5)
    return response.json({"slow": True})


@app.get("/healthz")
async def healthz(request, response):
    return response.text("ok")
