"""Round-75 corpus (capture-round75.sh): the Wayfarer shipments API on
Litestar 2 under uvicorn (one worker), behind Apache. The same routes as
every round-75 app:
  GET  /api/shipments/{id:int}  200 for 1 (Cache-Control public, ETag), JSON 404
                                otherwise; a non-number matches no route:
                                Litestar's own JSON 404
  GET  /api/shipments?limit=N   a list; a limit that is not an int is
                                Litestar's own validation 400
  GET  /api/account             JSON 401 (WWW-Authenticate: Bearer)
  POST /api/shipments           201, or the handler's JSON 422
  GET  /api/boom                an uncaught error: Litestar's own JSON 500
  GET  /api/slow                waits 5 s without blocking
  GET  /api/export              blocks the only worker 6 s (time.sleep in an
                                async handler: the event loop stops)
  GET  /api/rates               its dependency refuses: the app's JSON 502
  GET  /api/tracking/{id}       its dependency never answers (1 s): JSON 504
  GET  /api/labels/{id}         its dependency refuses: its own HTML 502 page
  GET  /healthz                 200, or 503 while $FLAG_DIR/unhealthy exists
While $FLAG_DIR/draining exists every /api/ path answers a JSON 503 with
Retry-After: 30 (the instance is shutting down).
"""
import asyncio
import os
import time

from litestar import Litestar, MediaType, Request, Response, get, post

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


async def before(request: Request):
    if request.url.path.startswith("/api/") and flag("draining"):
        return Response({"error": "draining", "message": "this instance is shutting down, retry on another"},
                        status_code=503, headers={"Retry-After": "30"})
    return None


async def call(port, timeout):
    r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    w.write(b"GET / HTTP/1.1\r\nHost: dep\r\n\r\n")
    await w.drain()
    data = await asyncio.wait_for(r.read(1024), timeout)
    w.close()
    return data


@get("/api/shipments/{sid:int}")
async def shipment(sid: int) -> Response:
    if sid != 1:
        return Response({"error": "not_found", "message": f"shipment {sid} not found"}, status_code=404)
    return Response({"id": 1, "carrier": "DHL", "status": "in_transit", "eta": "2026-12-07"},
                    headers={"Cache-Control": "public, max-age=60", "ETag": '"shp-1-v3"'})


@get("/api/shipments")
async def listing(limit: int = 20) -> Response:
    return Response({"items": [{"id": 1, "carrier": "DHL", "status": "in_transit"}], "limit": limit})


@get("/api/account")
async def account() -> Response:
    return Response({"error": "unauthorized", "message": "missing bearer token"}, status_code=401,
                    headers={"WWW-Authenticate": 'Bearer realm="shipments"'})


@post("/api/shipments")
async def create(request: Request) -> Response:
    try:
        body = await request.json()
    except Exception:
        body = None
    if not isinstance(body, dict) or not body.get("carrier") or not (body.get("weight") or 0) > 0:
        return Response({"error": "validation_failed", "fields": {"weight": "must be greater than 0"}},
                        status_code=422)
    return Response({"id": 2, "carrier": body["carrier"], "status": "created"}, status_code=201,
                    headers={"Location": "/api/shipments/2"})


@get("/api/boom")
async def boom() -> dict:
    raise RuntimeError("carrier table not loaded")


@get("/api/slow")
async def slow() -> dict:
    await asyncio.sleep(5)
    return {"status": "ok", "waited": 5}


@get("/api/export")
async def export() -> dict:
    time.sleep(6)
    return {"status": "ok", "rows": 1200}


@get("/api/rates")
async def rates() -> Response:
    try:
        await call(DEAD, 1)
    except (OSError, asyncio.TimeoutError):
        return Response({"error": "bad_gateway", "message": "carrier rates service unreachable",
                         "dependency": "carrier-rates"}, status_code=502)
    return Response({"rates": []})


@get("/api/tracking/{tid:str}")
async def tracking(tid: str) -> Response:
    try:
        await call(SLEEPER, 1)
    except (OSError, asyncio.TimeoutError):
        return Response({"error": "gateway_timeout", "message": "tracking service did not answer within 1s",
                         "dependency": "tracking"}, status_code=504)
    return Response({"id": tid, "events": []})


@get("/api/labels/{lid:str}", media_type=MediaType.HTML)
async def labels(lid: str) -> Response:
    try:
        await call(DEAD, 1)
    except (OSError, asyncio.TimeoutError):
        return Response(PAGE_502, status_code=502, media_type=MediaType.HTML)
    return Response("<p>label</p>", media_type=MediaType.HTML)


@get("/healthz")
async def healthz() -> Response:
    if flag("unhealthy"):
        return Response({"status": "failing", "checks": {"database": "timeout"}}, status_code=503)
    return Response({"status": "ok"})


app = Litestar(route_handlers=[shipment, listing, account, create, boom, slow, export, rates, tracking, labels, healthz],
               before_request=before, debug=False)
