"""Round 108 (apps71 with a few routes added): a FastAPI orders API (Quillon) run on uvicorn behind HAProxy.

No request id of its own. Errors are FastAPI's {"detail": ...}; a POST
without "ref" gets FastAPI's own 422 validation body; an unhandled error
gets Starlette's plain "Internal Server Error".
"""
import asyncio

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel

app = FastAPI(title="Quillon orders")
ORDERS = {1: {"id": 1, "ref": "QN-1001", "total": "99.90", "currency": "USD", "status": "paid"}}


class NewOrder(BaseModel):
    ref: str
    total: float | None = None


@app.get("/api/orders/{oid}")
async def order(oid: str):
    if not oid.isdigit():
        raise HTTPException(400, "Order id must be a number")
    if int(oid) not in ORDERS:
        raise HTTPException(404, "Order not found")
    return JSONResponse(ORDERS[int(oid)], headers={"Cache-Control": "public, max-age=300", "ETag": '"qn-order-1-v3"'})


@app.post("/api/orders", status_code=201)
async def create(body: NewOrder):
    if body.ref == "QN-1001":
        raise HTTPException(409, "An order with this ref already exists")
    return {"id": 2, "ref": body.ref, "status": "pending"}


@app.get("/api/account")
async def account():
    raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})


@app.get("/api/admin")
async def admin():
    raise HTTPException(403, "Not enough permissions")


@app.get("/api/quota")
async def quota():
    raise HTTPException(429, "Rate limit exceeded: 100 per 1 minute", headers={"Retry-After": "30"})


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "Orders are read-only during the nightly export"}, status_code=503, headers={"Retry-After": "600"})


@app.get("/api/latest")
async def latest():  # round 108: Starlette's RedirectResponse, 307
    return RedirectResponse("/api/orders/1")


@app.get("/api/boom")
async def boom():
    raise RuntimeError("ledger total mismatch")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True, "waited": 5}


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason}</title></head>
<body><h1>{reason}</h1><p>{text}</p><hr><small>Quillon</small></body></html>
"""


@app.get("/api/payments")
async def payments():
    return HTMLResponse(PAGE.format(code=502, reason="Bad Gateway", text="The payment provider did not answer."), status_code=502)


@app.get("/api/statements")
async def statements():
    return HTMLResponse(PAGE.format(code=503, reason="Service Unavailable", text="Statements are being rebuilt."), status_code=503)
