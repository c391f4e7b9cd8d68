"""Round-17 corpus: the orders API on FastAPI, run by uvicorn directly
(`uvicorn fastapi_app:app --proxy-headers`), debug off. Round 14's app, plus
a search route and a long-running export (5 s) that the front limits to one
at a time per client."""
import asyncio
import os

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI(title="orders", debug=os.environ.get("FASTAPI_DEBUG") == "1")


class Order(BaseModel):
    sku: str
    qty: int = Field(gt=0)


@app.get("/api/health")
async def health():
    return {"status": "ok"}


@app.get("/api/orders/{order_id}")
async def get_order(order_id: int):
    if order_id != 1:
        raise HTTPException(status_code=404, detail="Order not found")
    return {"id": 1, "sku": "A-1", "qty": 2}


@app.post("/api/orders", status_code=201)
async def create_order(order: Order):
    return {"id": 2, **order.model_dump()}


@app.post("/api/orders/{order_id}/cancel")
async def cancel(order_id: int):
    raise HTTPException(status_code=409, detail="Order already shipped")


@app.get("/api/admin/reports")
async def admin(authorization: str | None = Header(default=None)):
    if not authorization:
        raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    if authorization != "Bearer admin-token":
        raise HTTPException(status_code=403, detail="Not enough permissions")
    return {"reports": []}


@app.get("/api/limited")
async def limited():
    return JSONResponse({"detail": "Rate limit exceeded: 10 per 1 minute"}, status_code=429, headers={"Retry-After": "60"})


@app.get("/api/boom")
async def boom():
    raise RuntimeError("database pool exhausted")


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "Service under maintenance"}, status_code=503, headers={"Retry-After": "300"})


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"status": "late"}


@app.get("/api/search")
async def search(q: str = ""):
    return {"q": q, "results": [{"sku": "A-1", "name": "Trail shoes"}]}


@app.get("/api/exports/{name}")
async def export(name: str):
    await asyncio.sleep(5)
    return {"export": name, "rows": 1200}


@app.get("/api/inventory")
async def inventory():  # the app's own dependency times out
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=1)
    except asyncio.TimeoutError:
        return JSONResponse({"detail": "Upstream inventory service timed out"}, status_code=504)
    return {"items": []}
