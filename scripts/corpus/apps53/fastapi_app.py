"""Round-53 corpus: the product catalog API on FastAPI under uvicorn (its
`server: uvicorn` header kept), written so fronts can cache it: ETag,
Last-Modified, `Cache-Control: public, max-age=N`, and the app's own answers
to conditional requests (304 for If-None-Match / If-Modified-Since, 412 for
an If-Match that does not match on PUT). /api/stock/ is `no-cache`. An unknown
product is a JSON 404 with max-age=60, the daily report a JSON 500 with
max-age=30. Flag files in $CATALOG_FLAGS: "fail" makes the catalog a JSON
500, "slow" makes it sleep 5 s."""
import asyncio
import os
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse, Response

app = FastAPI(title="catalog")
FLAGS = os.environ.get("CATALOG_FLAGS", "/nonexistent")
LAST_MOD = datetime(2025, 3, 4, 9, 30, 0, tzinfo=timezone.utc)
PRODUCTS = {1: {"id": 1, "sku": "TEA-001", "name": "Sencha", "price": 1250},
            2: {"id": 2, "sku": "TEA-002", "name": "Genmaicha", "price": 990}}


def flag(name):
    return os.path.exists(os.path.join(FLAGS, name))


def not_modified(request, etag):
    inm = request.headers.get("if-none-match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")]
    ims = request.headers.get("if-modified-since")
    if ims:
        try:
            return parsedate_to_datetime(ims) >= LAST_MOD
        except (TypeError, ValueError):
            return False
    return False


def cacheable(request, payload, etag, cache_control):
    headers = {"ETag": etag, "Last-Modified": format_datetime(LAST_MOD, usegmt=True), "Cache-Control": cache_control}
    if not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    return JSONResponse(payload, headers=headers)


@app.get("/api/catalog")
async def catalog(request: Request):
    if flag("slow"):
        await asyncio.sleep(5)
    if flag("fail"):
        return JSONResponse({"detail": "catalog unavailable: pricing database unreachable"}, status_code=500,
                            headers={"Cache-Control": "no-store"})
    return cacheable(request, {"items": list(PRODUCTS.values()), "currency": "EUR"}, '"cat-7f3a9c"',
                     "public, max-age=2")


@app.get("/api/products/{pid}")
async def product(pid: int, request: Request):
    if pid not in PRODUCTS:
        raise HTTPException(404, detail=f"Product {pid} not found", headers={"Cache-Control": "public, max-age=60"})
    return cacheable(request, PRODUCTS[pid], f'"p{pid}-v3"', "public, max-age=60")


@app.put("/api/products/{pid}")
async def update_product(pid: int, if_match: str | None = Header(default=None)):
    if pid not in PRODUCTS:
        raise HTTPException(404, detail=f"Product {pid} not found")
    if if_match is None:
        raise HTTPException(428, detail="If-Match header required")
    if if_match.strip() != f'"p{pid}-v3"':
        raise HTTPException(412, detail="Precondition Failed: ETag mismatch")
    return PRODUCTS[pid]


@app.get("/api/stock/{pid}")
async def stock(pid: int, request: Request):
    return cacheable(request, {"id": pid, "in_stock": 42}, f'"stock-{pid}-42"', "no-cache")


@app.get("/api/reports/daily")
async def daily_report():
    return JSONResponse({"detail": "daily report generation failed"}, status_code=500,
                        headers={"Cache-Control": "public, max-age=30"})


@app.get("/api/account")
async def account(authorization: str | None = Header(default=None)):
    if not authorization:
        raise HTTPException(401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return JSONResponse({"user": "ana"}, headers={"Cache-Control": "private"})


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "Catalog imports paused for maintenance"}, status_code=503,
                        headers={"Retry-After": "600", "Cache-Control": "no-store"})


@app.get("/api/boom")
async def boom():
    return {"ratio": 1 / 0}


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"status": "late"}
