"""Round-54 corpus: the Parcelworks orders API on Muffin (ASGI), run by
uvicorn. The same routes in every app of this round:

  GET  /api/orders/1        200 JSON            GET /api/orders/9     404 JSON
  GET  /api/account         401 JSON (Bearer)   GET /api/admin        403 JSON
  POST /api/orders          409 JSON (a duplicate reference), 422 JSON when
                            the body has no "ref"
  GET  /api/quota           429 JSON, Retry-After
  GET  /api/maintenance     503 JSON, Retry-After
  GET  /api/payments        the app's own HTML 502 page
  GET  /api/tracking        the app's own HTML 503 page
  GET  /api/carrier         the app's own HTML 504 page
  GET  /api/boom            an unhandled exception (the framework's 500)
  GET  /api/slow            sleeps 5 s, then 200
  GET  /healthz             200 text
"""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import muffin  # noqa: E402
from upstream_pages import page  # noqa: E402

app = muffin.Application(name="parcelworks")
ORDERS = {1: {"id": 1, "ref": "PW-1001", "status": "packed", "items": 3}}


def err(status, code, message, **headers):
    return muffin.ResponseJSON({"error": code, "message": message}, status_code=status, headers=headers)


@app.route("/api/orders/{oid:int}", methods=["GET"])
async def order(request):
    oid = request.path_params["oid"]
    if oid in ORDERS:
        return muffin.ResponseJSON(ORDERS[oid])
    return err(404, "order_not_found", "no order %d" % oid)


@app.route("/api/orders", methods=["POST"])
async def create(request):
    try:
        data = await request.json()
    except Exception:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    return err(409, "duplicate_ref", "an order with ref %s already exists" % data["ref"])


@app.route("/api/account")
async def account(request):
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="parcelworks"'})


@app.route("/api/admin")
async def admin(request):
    return err(403, "forbidden", "your role may not open the admin area")


@app.route("/api/quota")
async def quota(request):
    return err(429, "rate_limited", "60 requests per minute per key", **{"Retry-After": "30"})


@app.route("/api/maintenance")
async def maintenance(request):
    return err(503, "maintenance", "orders are read-only during the migration", **{"Retry-After": "120"})


@app.route("/api/payments")
async def payments(request):
    return muffin.ResponseHTML(page(502), status_code=502)


@app.route("/api/tracking")
async def tracking(request):
    return muffin.ResponseHTML(page(503), status_code=503)


@app.route("/api/carrier")
async def carrier(request):
    return muffin.ResponseHTML(page(504), status_code=504)


@app.route("/api/boom")
async def boom(request):
    return {"total": 1 / 0}


@app.route("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return muffin.ResponseJSON({"slow": True})


@app.route("/healthz")
async def healthz(request):
    return muffin.ResponseText("ok")
