"""Round-22 corpus: the orders API on FastAPI (gunicorn, uvicorn workers).

FastAPI writes {"detail": ...} for its errors; a handler for unhandled
exceptions writes {"detail": "Internal Server Error"} as JSON too. The app
checks its own Authorization bearer token (the Lua gateway in front checks
an X-Api-Key), so both can answer 401 in look-alike JSON.
"""
import asyncio

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI(title="orders")


class Order(BaseModel):
    sku: str
    qty: int = Field(gt=0)


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500)


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
    return JSONResponse({"detail": "Service temporarily unavailable"}, status_code=503, headers={"Retry-After": "300"})


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"status": "late"}


@app.get("/api/search")
async def search(q: str = ""):
    return {"results": [], "q": q}


@app.get("/api/items")
async def items():
    return {"items": [{"sku": "A-1"}]}
