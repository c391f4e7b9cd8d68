"""Round-75 corpus (capture-round75.sh): the Wayfarer shipments API on plain
Starlette under uvicorn (one worker), behind Varnish. The routes of every
round-75 app (see litestar_app.py); Starlette's own answers are its text
"Not Found" for an unrouted path and ServerErrorMiddleware's text
"Internal Server Error" for an uncaught error. /api/export calls
time.sleep in an async endpoint, so the one event loop stops for 6 s.
"""
import asyncio
import os
import time

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

FLAGS = os.environ.get("FLAG_DIR", "/nonexistent")
DEAD = int(os.environ.get("DEP_DEAD_PORT", "61298"))
SLEEPER = int(os.environ.get("DEP_SLOW_PORT", "61297"))

PAGE_502 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1>
<p>The label printer service is not reachable. Try again in a minute.</p>
<hr><p>Wayfarer Shipments</p></body></html>
"""


def flag(name):
    return os.path.exists(os.path.join(FLAGS, name))


class Draining(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.url.path.startswith("/api/") and flag("draining"):
            return JSONResponse({"error": "draining", "message": "this instance is shutting down, retry on another"},
                                status_code=503, headers={"Retry-After": "30"})
        return await call_next(request)


async def call(port, timeout):
    r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    w.write(b"GET / HTTP/1.1\r\nHost: dep\r\n\r\n")
    await w.drain()
    data = await asyncio.wait_for(r.read(1024), timeout)
    w.close()
    return data


async def shipment(request):
    sid = request.path_params["sid"]
    if not sid.isdigit():
        return JSONResponse({"error": "bad_request", "message": "shipment id must be a number"}, status_code=400)
    if sid != "1":
        return JSONResponse({"error": "not_found", "message": f"shipment {sid} not found"}, status_code=404)
    return JSONResponse({"id": 1, "carrier": "DHL", "status": "in_transit", "eta": "2026-12-07"},
                        headers={"Cache-Control": "public, max-age=60", "ETag": '"shp-1-v3"'})


async def account(request):
    return JSONResponse({"error": "unauthorized", "message": "missing bearer token"}, status_code=401,
                        headers={"WWW-Authenticate": 'Bearer realm="shipments"'})


async def create(request):
    try:
        body = await request.json()
    except Exception:
        body = None
    if not isinstance(body, dict) or not body.get("carrier") or not (body.get("weight") or 0) > 0:
        return JSONResponse({"error": "validation_failed", "fields": {"weight": "must be greater than 0"}},
                            status_code=422)
    return JSONResponse({"id": 2, "carrier": body["carrier"], "status": "created"}, status_code=201,
                        headers={"Location": "/api/shipments/2"})


async def boom(request):
    raise RuntimeError("carrier table not loaded")


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"status": "ok", "waited": 5})


async def export(request):
    time.sleep(6)
    return JSONResponse({"status": "ok", "rows": 1200})


async def rates(request):
    try:
        await call(DEAD, 1)
    except (OSError, asyncio.TimeoutError):
        return JSONResponse({"error": "bad_gateway", "message": "carrier rates service unreachable",
                             "dependency": "carrier-rates"}, status_code=502)
    return JSONResponse({"rates": []})


async def tracking(request):
    try:
        await call(SLEEPER, 1)
    except (OSError, asyncio.TimeoutError):
        return JSONResponse({"error": "gateway_timeout", "message": "tracking service did not answer within 1s",
                             "dependency": "tracking"}, status_code=504)
    return JSONResponse({"events": []})


async def labels(request):
    try:
        await call(DEAD, 1)
    except (OSError, asyncio.TimeoutError):
        return HTMLResponse(PAGE_502, status_code=502)
    return HTMLResponse("<p>label</p>")


async def healthz(request):
    if flag("unhealthy"):
        return JSONResponse({"status": "failing", "checks": {"database": "timeout"}}, status_code=503)
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[
    Route("/api/shipments/{sid}", shipment),
    Route("/api/shipments", create, methods=["POST"]),
    Route("/api/account", account),
    Route("/api/boom", boom),
    Route("/api/slow", slow),
    Route("/api/export", export),
    Route("/api/rates", rates),
    Route("/api/tracking/{tid}", tracking),
    Route("/api/labels/{lid}", labels),
    Route("/healthz", healthz),
], middleware=[Middleware(Draining)])
