"""Round-45 corpus: the orders API on Robyn (its own Rust HTTP server).

  python robyn_app.py PORT

Robyn writes its own plain 404 for a path it does not route and its plain
500 for an uncaught exception; the handlers write JSON for the rest. It has
no request validation of its own: the handler checks the body (422).
"""

import asyncio
import json
import sys

from robyn import Robyn, Response

app = Robyn(__file__)
ORDER = {"id": 1, "sku": "A-1", "qty": 2, "status": "paid"}
JSON = {"Content-Type": "application/json"}


def err(status, code, message, **headers):
    return Response(status_code=status, headers=dict(JSON, **headers),
                    description=json.dumps({"error": code, "message": message}))


@app.get("/api/health")
def health(request):
    return {"status": "ok"}


@app.get("/api/orders/:oid")
def order(request):
    oid = request.path_params["oid"]
    if oid != "1":
        return err(404, "not_found", "order %s not found" % oid)
    return ORDER


@app.post("/api/orders")
def create(request):
    try:
        body = json.loads(request.body or "{}")
    except ValueError:
        return err(400, "bad_request", "the body is not JSON")
    if not isinstance(body.get("qty"), int) or body["qty"] < 1:
        return err(422, "validation_failed", "qty must be an integer of at least 1")
    return Response(status_code=201, headers=dict(JSON, Location="/api/orders/2"),
                    description=json.dumps({"id": 2, "sku": body.get("sku"), "qty": body["qty"],
                                            "status": "pending"}))


@app.get("/api/admin/reports")
def reports(request):
    auth = request.headers.get("authorization") or ""
    if not auth.startswith("Bearer "):
        return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="orders"'})
    if auth != "Bearer admin-token":
        return err(403, "forbidden", "reports:read scope required")
    return {"reports": []}


@app.post("/api/orders/:oid/cancel")
def cancel(request):
    return err(409, "conflict", "order %s has already shipped" % request.path_params["oid"])


@app.get("/api/limited")
def limited(request):
    return err(429, "rate_limited", "too many requests, retry in 30 s", **{"Retry-After": "30"})


@app.get("/api/boom")
def boom(request):
    totals = {}
    return {"total": totals["EUR"]}  # KeyError: not handled


@app.get("/api/maintenance")
def maintenance(request):
    return err(503, "maintenance", "orders are read-only during the migration", **{"Retry-After": "120"})


@app.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return {"status": "late"}


@app.post("/api/upload")
def upload(request):
    return {"received": len(request.body or "")}


if __name__ == "__main__":
    port = int(sys.argv[1])
    if not 58100 <= port <= 58199:
        sys.exit("port must be in 58100-58199")
    app.start(host="127.0.0.1", port=port)
