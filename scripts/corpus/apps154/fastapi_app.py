"""Round 154: "Moorhen" orders API in FastAPI (uvicorn, behind h2o)."""
import asyncio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, RedirectResponse
from pydantic import BaseModel

app = FastAPI()
ETAG = '"mh-o1-v2"'


class Order(BaseModel):
    sku: str
    qty: int


@app.get("/api/orders/{oid}")
async def order(oid: int, request: Request):
    if oid != 1:
        return JSONResponse({"detail": f"Order {oid} not found"}, 404)
    if request.headers.get("if-none-match") == ETAG:
        return Response(status_code=304, headers={"ETag": ETAG})
    return JSONResponse({"id": 1, "status": "paid", "total": 12.0}, headers={"ETag": ETAG})


@app.post("/api/orders", status_code=201)
async def create(o: Order):
    if o.sku == "DUP":
        return JSONResponse({"detail": "Order for sku DUP already open"}, 409)
    return JSONResponse({"id": 2, "sku": o.sku}, 201, headers={"Location": "/api/orders/2"})


@app.delete("/api/orders/{oid}", status_code=204)
async def delete(oid: int):
    return Response(status_code=204)


@app.get("/api/me")
async def me():
    return JSONResponse({"detail": "Not authenticated"}, 401, headers={"WWW-Authenticate": "Bearer"})


@app.get("/api/admin")
async def admin():
    return JSONResponse({"detail": "Not enough permissions"}, 403)


@app.get("/api/quota")
async def quota():
    return JSONResponse({"detail": "Rate limit exceeded: 20 per 1 minute"}, 429, headers={"Retry-After": "60"})


@app.get("/api/inventory")
async def inventory():
    return JSONResponse({"detail": "inventory-db unavailable"}, 503, headers={"Retry-After": "30"})


@app.get("/api/boom")
async def boom():
    raise RuntimeError("carrier is None")


@app.get("/old/orders/{oid}")
async def old(oid: int):
    return RedirectResponse(f"/api/orders/{oid}", 301)


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True}
