"""Round 176 (new): the "Fenwick" orders API in plain Starlette 1.10 (no FastAPI), served by
gunicorn 27 with uvicorn's UvicornWorker: the same routes and answers as apps163/fastapi_app.py
({"detail": ...} JSON errors, 200/304 with an ETag, 201, 204, 400, 401 with a Bearer challenge,
403, 404, 409, 422, 429 with Retry-After), its own HTML 502 (/api/payments) and 503
(/api/statements, Retry-After 120) pages, a 5 s /api/slow; an unhandled error on /api/boom is
Starlette's text "Internal Server Error", an unrouted path its text "Not Found". While
$STATE_DIR/maint exists, the app's own JSON 503 with Retry-After."""
import asyncio, json, os
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

STATE = os.environ.get("STATE_DIR", "/tmp")
ETAG = '"fw-o1-v3"'


class Maintenance(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if os.path.exists(os.path.join(STATE, "maint")):
            return JSONResponse({"detail": "Fenwick is in maintenance mode (schema migration)"}, 503, {"Retry-After": "300"})
        return await call_next(request)


async def order(request):
    oid = request.path_params["oid"]
    if request.method == "DELETE":
        return Response(status_code=204)
    if oid != 1:
        return JSONResponse({"detail": f"order {oid} not found"}, 404)
    if request.headers.get("if-none-match") == ETAG:
        return Response(status_code=304, headers={"ETag": ETAG})
    return JSONResponse({"id": 1, "status": "shipped", "total": 42.5}, headers={"ETag": ETAG})


async def create(request):
    try:
        body = json.loads(await request.body() or b"")
    except ValueError:
        return JSONResponse({"detail": "request body is not valid JSON"}, 400)
    if not isinstance(body, dict) or "sku" not in body:
        return JSONResponse({"detail": [{"loc": ["body", "sku"], "msg": "Field required", "type": "missing"}]}, 422)
    if body["sku"] == "DUP-1":
        return JSONResponse({"detail": "an order for sku DUP-1 already exists (id 1)"}, 409)
    return JSONResponse({"id": 2, "status": "created"}, 201, {"Location": "/api/orders/2"})


async def me(request):
    if request.headers.get("authorization") != "Bearer good-token":
        return JSONResponse({"detail": "Not authenticated"}, 401,
                            {"WWW-Authenticate": 'Bearer realm="fenwick", error="invalid_token"'})
    return JSONResponse({"sub": "u-7"})


async def admin(request):
    return JSONResponse({"detail": "role 'viewer' may not list users"}, 403)


async def quota(request):
    return JSONResponse({"detail": "60 requests per minute exceeded"}, 429, {"Retry-After": "42"})


async def boom(request):
    raise KeyError("customer_id")


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"ok": True})


async def payments(request):
    return HTMLResponse('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>'
                        '<p>The payment provider did not answer. Please try again in a few minutes.</p><hr>'
                        '<p>Support: ops@fenwick.test</p></body></html>', 502)


async def statements(request):
    return HTMLResponse('<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>'
                        '<p>Statements are being regenerated. Please come back later.</p><hr>'
                        '<p>Support: ops@fenwick.test</p></body></html>', 503, {"Retry-After": "120"})


app = Starlette(routes=[
    Route("/api/orders/{oid:int}", order, methods=["GET", "DELETE"]),
    Route("/api/orders", create, methods=["POST"]),
    Route("/api/me", me), Route("/api/admin/users", admin), Route("/api/quota", quota),
    Route("/api/boom", boom), Route("/api/slow", slow),
    Route("/api/payments", payments), Route("/api/statements", statements),
], middleware=[Middleware(Maintenance)])
