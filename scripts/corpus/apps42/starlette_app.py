"""Round-42 corpus: a bookings API on bare Starlette under uvicorn, behind
Caddy. JSON errors from the handlers; Starlette's own plain-text pages for
what it answers itself (no route "Not Found", 405 "Method Not Allowed",
ServerErrorMiddleware's "Internal Server Error")."""
import asyncio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route


def err(status, code, message, headers=None, **extra):
    return JSONResponse({"detail": message, "code": code, **extra}, status_code=status, headers=headers)


async def booking(request):
    bid = request.path_params["bid"]
    if bid != "BK-1":
        return err(404, "booking_not_found", f"Booking {bid} not found")
    return JSONResponse({"id": "BK-1", "room": 12})


async def create(request):
    try:
        body = await request.json()
    except Exception:
        return err(400, "invalid_json", "Malformed JSON body")
    errors = []
    if "checkin" not in body:
        errors.append({"loc": ["body", "checkin"], "msg": "field required"})
    if errors:
        return JSONResponse({"detail": errors}, status_code=422)
    return JSONResponse({"id": "BK-2"}, status_code=201)


async def admin(request):
    if "authorization" not in request.headers:
        return err(401, "not_authenticated", "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return err(403, "forbidden", "Admins only")


async def availability(request):
    return err(429, "too_many_requests", "Rate limit exceeded: 5 per 1 second", headers={"Retry-After": "1"})


async def boom(request):
    raise KeyError("room_rate")


async def http_exc(request):
    raise HTTPException(status_code=503, detail="Availability cache is warming up")


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"status": "late"})


async def old(request):
    return RedirectResponse("/api/bookings/BK-1", status_code=307)


async def empty_204(request):
    return Response(status_code=204)


app = Starlette(routes=[
    Route("/api/bookings/{bid}", booking),
    Route("/api/bookings", create, methods=["POST"]),
    Route("/api/admin/rates", admin),
    Route("/api/availability", availability),
    Route("/api/boom", boom),
    Route("/api/warming", http_exc),
    Route("/api/slow", slow),
    Route("/bookings/{bid}", old),
    Route("/api/bookings/BK-1/hold", empty_204, methods=["DELETE"]),
])
