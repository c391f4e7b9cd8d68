"""Round 78 (copied from round 76, from round 73): a FastAPI orders API (Halyard) run on uvicorn behind HAProxy.

No request id of its own. Errors are FastAPI's {"detail": ...}; a POST
without "ref" gets FastAPI's own 422 validation body; an unhandled error
gets Starlette's plain "Internal Server Error". Round 76 (copied from round 73) adds /api/uploads
(HTTPException 413 over 64 KB) and the paths HAProxy guards by its own
rules (/api/exports/, /api/internal/, /ops/, /api/downloads/ which waits
2 s, /api/billing/), each a plain 200 when a request gets through.

Round 78 runs it as a pool of replicas behind one front. Each process
reads REPLICA (its name) and FLAG_DIR (a folder the capture script writes
flags into): with FLAG_DIR/slow every request but /healthz waits 5 s first;
with FLAG_DIR/draining every /api/ request gets the app's JSON 503 with
Retry-After (the instance is shutting down; its /healthz still answers 200,
the readiness check is not wired to the drain). /healthz answers 200 with
the replica's name (Cache-Control: no-store).
FastAPI adds no header naming the replica.
"""
import asyncio
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

app = FastAPI(title="Halyard orders")
ORDERS = {1: {"id": 1, "ref": "HY-1001", "total": "99.90", "currency": "USD", "status": "paid"}}


class NewOrder(BaseModel):
    ref: str
    total: float | None = None


@app.get("/api/orders/{oid}")
async def order(oid: str):
    if not oid.isdigit():
        raise HTTPException(400, "Order id must be a number")
    if int(oid) not in ORDERS:
        raise HTTPException(404, "Order not found")
    return ORDERS[int(oid)]


@app.post("/api/orders", status_code=201)
async def create(body: NewOrder):
    if body.ref == "HY-1001":
        raise HTTPException(409, "An order with this ref already exists")
    return {"id": 2, "ref": body.ref, "status": "pending"}


@app.get("/api/account")
async def account():
    raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})


@app.get("/api/admin")
async def admin():
    raise HTTPException(403, "Not enough permissions")


@app.get("/api/quota")
async def quota():
    raise HTTPException(429, "Rate limit exceeded: 100 per 1 minute", headers={"Retry-After": "30"})


@app.get("/api/maintenance")
async def maintenance():
    return JSONResponse({"detail": "Orders are read-only during the nightly export"}, status_code=503, headers={"Retry-After": "600"})


@app.get("/api/boom")
async def boom():
    raise RuntimeError("ledger total mismatch")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True, "waited": 5}


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason}</title></head>
<body><h1>{reason}</h1><p>{text}</p><hr><small>Halyard</small></body></html>
"""


@app.get("/api/payments")
async def payments():
    return HTMLResponse(PAGE.format(code=502, reason="Bad Gateway", text="The payment provider did not answer."), status_code=502)


@app.get("/api/statements")
async def statements():
    return HTMLResponse(PAGE.format(code=503, reason="Service Unavailable", text="Statements are being rebuilt."), status_code=503)


@app.post("/api/uploads", status_code=201)
async def upload(request: Request):
    if int(request.headers.get("content-length") or 0) > 64 * 1024:
        raise HTTPException(413, "Upload larger than 64 KB")
    return {"stored": len(await request.body())}


@app.get("/api/exports/{name}")
@app.get("/api/internal/{name}")
@app.get("/ops/{name}")
@app.get("/api/billing/{name}")
async def plain(name: str):
    return {"item": name, "ok": True}


@app.get("/api/downloads/{name}")
async def download(name: str):
    await asyncio.sleep(2)
    return {"download": name, "bytes": 2048}


# ---- round 78: one replica of a pool
REPLICA = os.environ.get("REPLICA", "halyard-api-1")
FLAG_DIR = os.environ.get("FLAG_DIR", "")


def _flag(name):
    return bool(FLAG_DIR) and os.path.exists(os.path.join(FLAG_DIR, name))


@app.middleware("http")
async def pool(request: Request, call_next):
    if request.url.path != "/healthz":
        if _flag("slow"):
            await asyncio.sleep(5)
        if _flag("draining") and request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Instance is shutting down, retry the request"}, status_code=503,
                                headers={"Retry-After": "30"})
    return await call_next(request)


@app.get("/healthz")
async def healthz():
    return JSONResponse({"status": "ok", "replica": REPLICA}, headers={"Cache-Control": "no-store"})
