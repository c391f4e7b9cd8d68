"""Round-34 corpus: a small orders API on FastAPI under gunicorn with uvicorn
workers, behind Caddy terminating TLS (tls internal). HTTPException JSON,
FastAPI's 422 list and 405, Starlette's plain 500 (debug off), an upload the
app refuses itself (413), a slow endpoint.
"""
import asyncio

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    sku: str
    qty: int = Field(gt=0)


@app.get("/api/health")
async def health():
    return {"status": "ok"}


@app.get("/api/orders/{oid}")
async def get_order(oid: int):
    if oid != 1:
        raise HTTPException(status_code=404, detail="Order not found")
    return {"id": 1, "sku": "A-1", "qty": 2}


@app.post("/api/orders", status_code=201)
async def create_order(order: Order):
    return {"id": 2, **order.model_dump()}


@app.get("/api/admin/orders")
async def admin(authorization: str | None = Header(default=None)):
    if authorization != "Bearer admin-token":
        raise HTTPException(status_code=401, detail="Not authenticated",
                            headers={"WWW-Authenticate": "Bearer"})
    return []


@app.get("/api/export")
async def export():
    return JSONResponse({"detail": "Rate limit exceeded: 5 per 1 minute"}, status_code=429,
                        headers={"Retry-After": "60"})


@app.post("/api/attachments")
async def attach(request: Request):
    if int(request.headers.get("content-length", "0")) > 1024:
        return JSONResponse({"detail": "Attachment too large (max 1 KiB)"}, status_code=413)
    return {"ok": True}


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "Service temporarily unavailable for maintenance"}, status_code=503,
                        headers={"Retry-After": "300"})


@app.get("/api/boom")
async def boom():
    raise RuntimeError("ledger connection reset")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"done": True}
