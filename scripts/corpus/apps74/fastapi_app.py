"""Round 74: a FastAPI catalog API (Quillon Supply), run twice: under
Hypercorn (`server: hypercorn-h11`) behind HAProxy's cache, and under
uvicorn (`server: uvicorn`) behind Varnish.

Cacheable: /api/products/1 (public, max-age=300, ETag, Last-Modified),
/api/rates (public, max-age=2) and the 404 for product 9 (public,
max-age=120). Everything else says no-store. Unrouted paths get FastAPI's
{"detail":"Not Found"}, unhandled errors Starlette's text 500, bad bodies
FastAPI's own 422.
"""
import asyncio

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

app = FastAPI()
LM = "Mon, 02 Jun 2025 08:00:00 GMT"
NS = {"Cache-Control": "no-store"}


def cached(body, age, etag):
    return JSONResponse(body, headers={"Cache-Control": f"public, max-age={age}", "ETag": f'"{etag}"', "Last-Modified": LM})


@app.get("/api/products/{pid}")
async def product(pid: int):
    if pid == 1:
        return cached({"id": 1, "sku": "QS-VLV-12", "name": "Ball valve 1/2in", "price": "11.90"}, 300, "qs-p1-v2")
    if pid == 9:
        return JSONResponse({"detail": f"product {pid} does not exist"}, 404, {"Cache-Control": "public, max-age=120"})
    return JSONResponse({"detail": f"product {pid} does not exist"}, 404, NS)


@app.get("/api/rates")
async def rates():
    return cached({"EUR": 1, "USD": "1.0842", "as_of": "2025-06-02"}, 2, "qs-rates-v18")


@app.get("/api/orders/{oid}")
async def order(oid: int):
    return JSONResponse({"detail": f"order {oid} does not exist"}, 404, NS)


class Order(BaseModel):
    sku: str
    qty: int


@app.post("/api/orders", status_code=201)
async def create(o: Order):
    return JSONResponse({"id": 7001, "sku": o.sku, "qty": o.qty, "status": "pending"}, 201, NS)


@app.get("/api/account")
async def account():
    return JSONResponse({"detail": "Not authenticated"}, 401, {"WWW-Authenticate": "Bearer", **NS})


@app.get("/api/quota")
async def quota():
    return JSONResponse({"detail": "rate limit exceeded, retry in 30 seconds"}, 429, {"Retry-After": "30", **NS})


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "catalog import running, read-only"}, 503, {"Retry-After": "600", **NS})


@app.get("/api/boom")
async def boom():
    raise RuntimeError("supplier feed parse error")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True, "waited": 5}


@app.get("/api/statements")
async def statements():
    return HTMLResponse("""<!DOCTYPE html>
<html><head><title>503 Service Unavailable - Quillon Supply</title></head>
<body><h1>Service Unavailable</h1><p>Price lists are being rebuilt. Try again later.</p></body></html>
""", 503, NS)
