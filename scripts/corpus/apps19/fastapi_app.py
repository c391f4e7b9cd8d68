"""Round-19 corpus: the catalog service, FastAPI under uvicorn with nothing
in front. Also the service behind the Flask BFF (flask_bff.py)."""
import asyncio

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()
PRODUCTS = {"A-1": {"sku": "A-1", "name": "Desk lamp", "price": 39.0}}


class Product(BaseModel):
    sku: str
    price: float = Field(gt=0)


@app.get("/api/products/{sku}")
async def product(sku: str):
    if sku not in PRODUCTS:
        raise HTTPException(404, f"Product {sku} not found")
    return PRODUCTS[sku]


@app.post("/api/products", status_code=201)
async def create(p: Product):
    return p


@app.post("/api/products/import")
async def import_(request: Request):
    if int(request.headers.get("content-length", "0")) > 1024:
        return JSONResponse({"error": "payload_too_large", "limit": 1024}, status_code=413)
    return {"imported": 0}


@app.get("/api/admin/stats")
async def admin():
    raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})


@app.get("/api/boom")
async def boom():
    return {"x": {}["missing"]}


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"status": "late"}


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "catalog reindex in progress"}, status_code=503, headers={"Retry-After": "60"})
