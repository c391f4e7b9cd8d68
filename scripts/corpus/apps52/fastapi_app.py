# Orders API in FastAPI (round 52): the errors the team writes itself, in JSON.
import asyncio
from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse

app = FastAPI(title="orders")
ORDERS = {42: {"id": 42, "sku": "A-1", "qty": 2, "status": "paid"}}


def err(status, code, message, headers=None):
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


@app.get("/api/orders/{oid}")
async def get_order(oid: int):
    if oid not in ORDERS:
        return err(404, "order_not_found", f"order {oid} does not exist")
    return ORDERS[oid]


@app.get("/api/admin/reports")
async def reports(authorization: str | None = Header(default=None), x_auth_user: str | None = Header(default=None)):
    if not authorization:
        return err(401, "unauthenticated", "missing bearer token", {"WWW-Authenticate": 'Bearer realm="orders"'})
    if "admin" not in (authorization or ""):
        return err(403, "forbidden", "the reports need the admin role")
    return {"reports": [], "user": x_auth_user}


@app.get("/api/limited")
async def limited():
    return err(429, "rate_limited", "too many exports, retry in 30 s", {"Retry-After": "30"})


@app.get("/api/maintenance")
async def maintenance():
    return err(503, "maintenance", "orders are read-only during the migration", {"Retry-After": "120"})


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True}
