"""Round-51 corpus (round 39's app): an inventory API on FastAPI under uvicorn,
behind lighttpd (TLS, HTTP/2); each request is logged with the front's request id. HTTPException JSON ({"detail": ...}), FastAPI's 422 list, its
405, Starlette's plain "Internal Server Error" for an unhandled exception. A
middleware echoes the X-Request-ID the fronts send (or makes one).
`uvicorn fastapi_app:app`"""
import asyncio
import logging
import uuid

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

logging.basicConfig(level=logging.INFO, format="%(asctime)s inventory %(message)s")
log = logging.getLogger("inventory")

app = FastAPI(title="inventory", docs_url=None, redoc_url=None, openapi_url=None)


@app.middleware("http")
async def request_id(request: Request, call_next):
    rid = request.headers.get("x-request-id") or uuid.uuid4().hex
    response = await call_next(request)
    log.info("rid=%s %s %s -> %s", rid, request.method, request.url.path, response.status_code)
    response.headers["X-Request-ID"] = rid
    return response


class Adjust(BaseModel):
    sku: str
    delta: int = Field(ge=-1000, le=1000)


@app.get("/api/health")
async def health():
    return {"status": "ok"}


@app.get("/api/stock")
async def stock():
    return JSONResponse({"items": [{"sku": "BOLT-8", "on_hand": 1200}]},
                        headers={"Cache-Control": "public, max-age=60"})


@app.get("/api/stock/{sku}")
async def one(sku: str):
    if sku != "BOLT-8":
        raise HTTPException(404, detail=f"SKU {sku} not found")
    return JSONResponse({"sku": "BOLT-8", "on_hand": 1200}, headers={"Cache-Control": "public, max-age=60"})


@app.post("/api/adjustments", status_code=201)
async def adjust(body: Adjust):
    if body.sku.startswith("X"):
        raise HTTPException(409, detail="SKU is locked by a running stock count")
    return {"id": 7, **body.model_dump()}


@app.get("/api/admin/counts")
async def admin(request: Request):
    if "authorization" not in request.headers:
        raise HTTPException(401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    raise HTTPException(403, detail="Not enough permissions")


@app.get("/api/boom")
async def boom():
    raise RuntimeError("warehouse id missing from config")


@app.get("/api/maintenance")
async def maintenance():
    raise HTTPException(503, detail="Stock counts in progress, try again later", headers={"Retry-After": "600"})


@app.get("/api/supplier")
async def supplier():
    await asyncio.sleep(1)
    raise HTTPException(504, detail="Supplier API timed out after 1s")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"status": "late"}
