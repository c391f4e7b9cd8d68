"""Round-24 corpus (round 21's app, reused): the orders API on FastAPI, run by
uvicorn (`uvicorn fastapi_app:app --proxy-headers`, debug off) behind
Apache's mod_proxy_http. GZipMiddleware compresses what is over 100 bytes;
CORSMiddleware allows one origin. A readiness check that fails
(/api/health/ready, the app's JSON 503)."""
import asyncio

from fastapi import FastAPI, Header, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field

app = FastAPI(title="orders")
app.add_middleware(GZipMiddleware, minimum_size=100)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.test"],
                   allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                   allow_credentials=True)


class Order(BaseModel):
    sku: str
    qty: int = Field(gt=0)


@app.get("/api/health")
async def health():
    return {"status": "ok"}


@app.get("/api/health/ready")
async def ready():
    return JSONResponse({"status": "not ready", "checks": [{"name": "postgres", "ok": False, "error": "timeout"}]},
                        status_code=503)


@app.get("/api/orders")
async def list_orders(authorization: str | None = Header(default=None)):
    if not authorization:
        raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return {"orders": [{"id": 1, "sku": "A-1", "qty": 2}]}


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
    raise HTTPException(status_code=403, detail="Not enough permissions")


@app.get("/api/v1/orders/{order_id}")
async def old_order(order_id: int):  # the v1 path moved; the new one is served by a service that is gone
    return RedirectResponse("/legacy/orders/%d" % order_id, status_code=301)


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


@app.get("/api/catalog")
async def catalog():
    items = [{"sku": "A-%d" % i, "name": "Trail shoe size %d" % (36 + i), "price": 12900} for i in range(8)]
    return JSONResponse({"items": items}, headers={"Cache-Control": "public, max-age=120"})
