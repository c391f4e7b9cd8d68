"""Round-45 corpus: the orders API on BlackSheep (under uvicorn), error details off.

  uvicorn --host 127.0.0.1 --port PORT blacksheep_app:app

The same routes as the other round-45 apps. A body that does not bind is
BlackSheep's own 400; an unknown path is its plain 404; an uncaught
exception its plain 500.
"""

import asyncio
from dataclasses import dataclass

from blacksheep import Application, Request, FromJSON, json

app = Application(show_error_details=False)
ORDER = {"id": 1, "sku": "A-1", "qty": 2, "status": "paid"}


@dataclass
class NewOrder:
    sku: str
    qty: int


def err(status, code, message, headers=()):
    r = json({"error": code, "message": message}, status=status)
    for k, v in headers:
        r.add_header(k.encode(), v.encode())
    return r


@app.router.get("/api/health")
async def health():
    return json({"status": "ok"})


@app.router.get("/api/orders/{oid}")
async def order(oid: int):
    if oid != 1:
        return err(404, "not_found", f"order {oid} not found")
    return json(ORDER)


@app.router.post("/api/orders")
async def create(data: FromJSON[NewOrder]):
    o = data.value
    if o.qty < 1:
        return err(422, "validation_failed", "qty must be at least 1")
    r = json({"id": 2, "sku": o.sku, "qty": o.qty, "status": "pending"}, status=201)
    r.add_header(b"Location", b"/api/orders/2")
    return r


@app.router.get("/api/admin/reports")
async def reports(request: Request):
    auth = (request.get_first_header(b"Authorization") or b"").decode()
    if not auth.startswith("Bearer "):
        return err(401, "unauthorized", "a bearer token is required", [("WWW-Authenticate", 'Bearer realm="orders"')])
    if auth != "Bearer admin-token":
        return err(403, "forbidden", "reports:read scope required")
    return json({"reports": []})


@app.router.post("/api/orders/{oid}/cancel")
async def cancel(oid: int):
    return err(409, "conflict", f"order {oid} has already shipped")


@app.router.get("/api/limited")
async def limited():
    return err(429, "rate_limited", "too many requests, retry in 30 s", [("Retry-After", "30")])


@app.router.get("/api/boom")
async def boom():
    totals = {}
    return json({"total": totals["EUR"]})  # KeyError: not handled


@app.router.get("/api/maintenance")
async def maintenance():
    return err(503, "maintenance", "orders are read-only during the migration", [("Retry-After", "120")])


@app.router.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return json({"status": "late"})


@app.router.post("/api/upload")
async def upload(request: Request):
    body = await request.read()
    return json({"received": len(body or b"")})
