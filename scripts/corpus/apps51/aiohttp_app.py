"""Round-51 corpus (round 42's app): a product catalogue on aiohttp (`python
aiohttp_app.py PORT`), behind Caddy (TLS, HTTP/2). A middleware logs and
echoes the X-Request-Id Caddy sends. JSON errors from the handlers;
aiohttp's own plain pages ("404: Not Found", "405: Method Not Allowed",
"500 Internal Server Error", "413 Request Entity Too Large" by
client_max_size)."""
import asyncio
import logging
import sys

from aiohttp import web

routes = web.RouteTableDef()


def err(status, code, message, headers=None):
    return web.json_response({"error": {"code": code, "message": message}}, status=status, headers=headers)


@routes.get("/api/products/{pid}")
async def product(request):
    pid = request.match_info["pid"]
    if pid != "P-1":
        return err(404, "product_not_found", f"Product {pid} not found")
    return web.json_response({"id": "P-1", "name": "Kettle", "price": 2900},
                             headers={"Cache-Control": "public, max-age=60"})


@routes.post("/api/products")
async def create(request):
    body = await request.read()
    try:
        data = await request.json()
    except Exception:
        return err(400, "invalid_json", "Body is not JSON")
    if "sku" not in data:
        return err(422, "validation_error", "sku: field required")
    return web.json_response({"id": "P-2", "size": len(body)}, status=201)


@routes.get("/api/admin/prices")
async def admin(request):
    if "Authorization" not in request.headers:
        return err(401, "unauthorized", "Authentication required", headers={"WWW-Authenticate": "Bearer"})
    return err(403, "forbidden", "Pricing is read-only for this key")


@routes.get("/api/search")
async def search(request):
    return err(429, "rate_limited", "Too many searches, slow down", headers={"Retry-After": "10"})


@routes.get("/api/boom")
async def boom(request):
    return 1 / 0


@routes.get("/api/maintenance")
async def maintenance(request):
    raise web.HTTPServiceUnavailable(text="Catalogue import running, try again later")


@routes.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return web.json_response({"status": "late"})


@routes.get("/api/hangup")
async def hangup(request):
    await asyncio.sleep(0.2)
    request.transport.close()
    await asyncio.sleep(1)
    return web.json_response({})


@routes.get("/p/{pid}")
async def short(request):
    raise web.HTTPFound("/api/products/" + request.match_info["pid"])


log = logging.getLogger("catalogue")


@web.middleware
async def request_id(request, handler):
    rid = request.headers.get("X-Request-Id", "-")
    try:
        resp = await handler(request)
    except web.HTTPException as exc:
        exc.headers["X-Request-Id"] = rid
        log.info("rid=%s %s %s -> %s", rid, request.method, request.path, exc.status)
        raise
    resp.headers["X-Request-Id"] = rid
    log.info("rid=%s %s %s -> %s", rid, request.method, request.path, resp.status)
    return resp


logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
app = web.Application(client_max_size=64 * 1024, middlewares=[request_id])
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
