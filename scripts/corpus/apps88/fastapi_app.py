"""Round-88 corpus: the Quillon orders API (FastAPI on uvicorn, one process).
Incident routes as in common.py."""
import socket
import time

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

import common

app = FastAPI()


@app.middleware("http")
async def _warm(request: Request, call_next):
    common.warm_up()  # blocks the loop, as a synchronous cold start does
    return await call_next(request)


if common.DEPLOY != "v2":
    @app.get("/api/orders/{oid}")
    def order(oid: int):
        if oid not in (1, 2):
            raise HTTPException(404, f"order {oid} does not exist")
        return JSONResponse({"id": oid, "ref": f"QU-100{oid}", "replica": common.REPLICA},
                            headers={"Cache-Control": "public, max-age=2", "ETag": f'"qu-100{oid}-v1"'})


@app.get("/api/cart")
def cart():
    if common.DEPLOY == "v2":
        raise KeyError("CART_TTL")
    return {"items": [], "currency": "EUR"}


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


@app.post("/api/receipts", status_code=201)
async def receipts(request: Request):
    common.append_receipt((await request.body()).decode() or "{}")
    return {"stored": True}


@app.get("/api/export")
async def export():
    time.sleep(6)  # blocks the event loop
    return {"rows": 0}


@app.get("/healthz")
def healthz():
    if not common.healthy():
        return JSONResponse({"status": "fail"}, status_code=503)
    return {"status": "ok"}
