"""Round-91 corpus: the Aspen orders API (FastAPI 0.165 on uvicorn).

The team's exception handlers: HTTPException 502/503/504 (the app's own
answers about its dependencies) are rendered as an HTML status page; every
other HTTPException and RequestValidationError as JSON {"error": {...}};
unhandled exceptions as JSON 500.
"""
import asyncio
import os
import sys

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deps  # noqa: E402

app = FastAPI(title="Aspen orders")

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aspen · {title}</title></head>
<body style="font-family:sans-serif;margin:4em">
<h1>{title}</h1>
<p>{message}</p>
<p>Our on-call engineers have been paged. Check status.aspen.test for updates.</p>
</body></html>
"""
TITLES = {502: "A service we depend on is unreachable", 503: "Temporarily unavailable",
          504: "A service we depend on is too slow"}


@app.exception_handler(StarletteHTTPException)
async def http_exc(request: Request, exc: StarletteHTTPException):
    headers = getattr(exc, "headers", None)
    if exc.status_code in (502, 503, 504):
        return HTMLResponse(PAGE.format(title=TITLES[exc.status_code], message=exc.detail),
                            status_code=exc.status_code, headers=headers)
    return JSONResponse({"error": {"status": exc.status_code, "message": exc.detail}},
                        status_code=exc.status_code, headers=headers)


@app.exception_handler(RequestValidationError)
async def validation_exc(request: Request, exc: RequestValidationError):
    return JSONResponse({"error": {"status": 422, "message": "invalid request",
                                   "fields": [".".join(map(str, e["loc"])) for e in exc.errors()]}},
                        status_code=422)


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    return JSONResponse({"error": {"status": 500, "message": "internal error; it has been logged"}},
                        status_code=500)


class NewOrder(BaseModel):
    sku: str
    qty: int


@app.get("/api/orders/{oid}")
async def order(oid: int):
    if oid != 1:
        raise HTTPException(404, f"order {oid} does not exist")
    return JSONResponse({"id": 1, "ref": "AS-1001", "total": 41.5},
                        headers={"Cache-Control": "public, max-age=2", "ETag": '"as-1001-v1"'})


@app.post("/api/orders", status_code=201)
async def create(o: NewOrder):
    return {"id": 2}


@app.get("/api/cart")
async def cart(coupon: str = ""):
    if coupon:
        raise KeyError("COUPON_TABLE")
    return {"items": [], "currency": "EUR"}


async def dep(envname):
    host, port = os.environ[envname].rsplit(":", 1)
    r, w = await asyncio.wait_for(asyncio.open_connection(host, int(port)), 1.0)
    try:
        w.write(b"GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n")
        await asyncio.wait_for(r.read(1), 1.0)
    finally:
        w.close()


@app.get("/api/inventory")
async def inventory():
    try:
        await dep("DEP_DOWN")
    except OSError as e:
        raise HTTPException(502, f"The inventory service refused our connection ({e.strerror}).")
    return {"ok": True}


@app.get("/api/payments")
async def payments():
    try:
        await dep("DEP_DOWN")
    except OSError:
        raise HTTPException(503, "Payments are unavailable right now; please try again shortly.",
                            headers={"Retry-After": "30"})
    return {"ok": True}


@app.get("/api/quotes")
async def quotes():
    try:
        await dep("DEP_SLOW")
    except asyncio.TimeoutError:
        raise HTTPException(504, "The pricing service did not answer within 1 second.")
    return {"ok": True}


@app.get("/api/report")
async def report():
    await asyncio.sleep(6)
    return {"rows": 0}


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}
