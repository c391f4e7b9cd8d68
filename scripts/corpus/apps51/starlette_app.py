"""Round-51 corpus (round 40's app): a Starlette bookings API under uvicorn,
behind Varnish behind HAProxy (TLS, HTTP/2). uvicorn's access log is on; the
request id HAProxy makes is logged by a middleware.
JSON problems with a request id (the front's X-Request-Id when it sends one),
Starlette's plain-text "Not Found"/"Internal Server Error", a public room
list with an ETag and max-age=60 that the fronts may keep.
"""
import asyncio
import logging
import uuid

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route


def problem(request, status, code, detail, headers=None):
    rid = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
    return JSONResponse({"status": status, "code": code, "detail": detail, "request_id": rid},
                        status_code=status, headers={"X-Request-Id": rid, **(headers or {})})


async def booking(request):
    bid = request.path_params["bid"]
    if bid == "1":
        return JSONResponse({"id": 1, "room": "A-12", "nights": 2})
    if bid == "legacy":
        raise HTTPException(404)  # Starlette's plain-text "Not Found"
    return problem(request, 404, "booking_not_found", "No booking %s" % bid)


async def create(request):
    try:
        data = await request.json()
    except Exception:
        raise HTTPException(400, detail="Malformed JSON body")
    if not data.get("room"):
        return problem(request, 422, "validation_error", "room is required")
    return JSONResponse({"id": 2}, status_code=201)


async def admin(request):
    auth = request.headers.get("authorization")
    if not auth:
        return problem(request, 401, "unauthenticated", "Bearer token required",
                       {"WWW-Authenticate": "Bearer"})
    return problem(request, 403, "forbidden", "Only the front desk may list guests")


async def availability(request):
    return problem(request, 429, "too_many_requests", "Slow down", {"Retry-After": "10"})


async def boom(request):
    raise ZeroDivisionError("division by zero")


async def maintenance(request):
    return problem(request, 503, "maintenance", "Bookings paused for a deploy", {"Retry-After": "60"})


async def rooms(request):
    return JSONResponse([{"room": "A-12", "free": True}, {"room": "B-03", "free": False}],
                        headers={"Cache-Control": "public, max-age=60", "ETag": '"rooms-v7"',
                                 "Last-Modified": "Thu, 03 Dec 2026 08:00:00 GMT"})


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"ok": True})


async def upload(request):
    body = await request.body()
    return JSONResponse({"received": len(body)})


async def old(request):
    return RedirectResponse("/api/bookings/1", status_code=302)


log = logging.getLogger("uvicorn.error")


class LogRequestId:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            rid = dict(scope["headers"]).get(b"x-request-id", b"-").decode()
            log.info("rid=%s %s %s", rid, scope["method"], scope["path"])
        await self.app(scope, receive, send)


app = Starlette(middleware=[Middleware(LogRequestId)], routes=[
    Route("/api/bookings", create, methods=["POST"]),
    Route("/api/bookings/{bid}", booking, methods=["GET"]),
    Route("/api/admin/guests", admin),
    Route("/api/availability", availability),
    Route("/api/rooms", rooms),
    Route("/api/boom", boom),
    Route("/api/maintenance", maintenance),
    Route("/api/slow", slow),
    Route("/api/documents", upload, methods=["POST"]),
    Route("/bookings/current", old),
])
