"""Round-99 corpus: the Quillon orders API (FastAPI on uvicorn, one process),
round 88's app with round 99's routes (see common.py)."""
import asyncio
import os
import socket
import time

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

import common

app = FastAPI()


@app.middleware("http")
async def _warm(request: Request, call_next):
    common.warm_up()  # blocks the loop, as a synchronous cold start does
    return await call_next(request)


if common.DEPLOY != "v2":
    @app.get("/api/orders/{oid}")
    def order(oid: int, request: Request):
        if oid not in (1, 2):
            raise HTTPException(404, f"order {oid} does not exist")
        etag = f'"qu-100{oid}-v1"'
        hdrs = {"Cache-Control": "public, max-age=2", "ETag": etag}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=hdrs)
        return JSONResponse({"id": oid, "ref": f"QU-100{oid}", "replica": common.REPLICA}, headers=hdrs)


@app.delete("/api/orders/{oid}/hold", status_code=204)
def release_hold(oid: int):
    return Response(status_code=204)


@app.get("/api/account")
def account(request: Request):
    if request.headers.get("authorization") != common.TOKEN:
        raise HTTPException(401, "missing or invalid bearer token", headers={"WWW-Authenticate": 'Bearer realm="quillon"'})
    return {"user": "oncall", "plan": "team"}


@app.get("/api/cart")
def cart():
    if common.DEPLOY == "v2":
        raise KeyError("CART_TTL")
    return {"items": [], "currency": "EUR"}


@app.get("/api/checkout")
def checkout():
    if not os.environ.get("CHECKOUT_KEY"):
        return JSONResponse({"detail": "configuration error: CHECKOUT_KEY is not set"}, status_code=500)
    return {"checkout": "ready"}


@app.get("/api/inventory")
def inventory():
    try:
        common.call("DEP_DOWN")
    except OSError as e:
        raise HTTPException(502, f"inventory service unreachable: {e}")
    return {"ok": True}


@app.get("/api/quotes")
def quotes():
    try:
        common.call("DEP_SLOW")
    except socket.timeout:
        raise HTTPException(504, "pricing service did not answer within 1s")
    return {"ok": True}


@app.get("/api/payments")
def payments():
    try:
        common.call("DEP_DOWN")
    except OSError:
        raise HTTPException(503, "payment provider unavailable", headers={"Retry-After": "30"})
    return {"ok": True}


@app.get("/api/search")
def search():
    if common.overloaded():
        raise HTTPException(429, "too many requests: search is shedding load", headers={"Retry-After": "10"})
    return {"results": []}


@app.get("/api/bulk")
def bulk():
    if common.overloaded():
        raise HTTPException(503, "worker queue full (64/64), try again later", headers={"Retry-After": "20"})
    return {"queued": 0}


@app.get("/api/thumbnails")
def thumbnails():
    try:
        common.render_thumbnails()
    except MemoryError:
        return JSONResponse({"detail": "out of memory while rendering thumbnails (MemoryError)"}, status_code=500)
    return {"ok": True}


@app.get("/api/feed")
def feed():
    async def rows():
        yield b'{"rows":[{"id":1},'
        await asyncio.sleep(0.5)
        raise RuntimeError("feed cursor lost")
    return StreamingResponse(rows(), media_type="application/json")


@app.post("/api/receipts")
async def receipts(request: Request):
    body = (await request.body()).decode()
    if "amount" not in body:
        return JSONResponse({"detail": [{"type": "missing", "loc": ["body", "amount"], "msg": "Field required"}]}, status_code=422)
    common.append_receipt(body)
    return JSONResponse({"stored": True}, status_code=201)


@app.get("/api/export")
async def export():
    time.sleep(6)  # blocks the event loop
    return {"rows": 0}


@app.get("/healthz")
def healthz():
    if not common.healthy():
        return JSONResponse({"status": "fail"}, status_code=503)
    return {"status": "ok"}
