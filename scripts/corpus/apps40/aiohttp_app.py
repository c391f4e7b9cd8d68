"""Round-40 corpus (behind HAProxy and behind Apache, both over TLS): an
aiohttp 3 API as it runs in production (no debug,
access log off), with the errors small teams write themselves and aiohttp's
own plain-text answers for the rest ("404: Not Found", "405: Method Not
Allowed", the 413 of client_max_size, the terse 500).
    python aiohttp_app.py PORT
"""
import asyncio
import sys

from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/api/health")
async def health(request):
    return web.json_response({"status": "ok"})


@routes.get("/api/orders/{oid}")
async def order(request):
    oid = request.match_info["oid"]
    if oid != "1":
        return web.json_response({"error": "order_not_found", "id": oid}, status=404)
    return web.json_response({"id": 1, "total": 1200},
                             headers={"Cache-Control": "no-store"})


@routes.post("/api/orders")
async def create(request):
    body = await request.read()          # client_max_size applies here
    try:
        data = await request.json()
    except ValueError:
        return web.json_response({"error": "invalid_json"}, status=400)
    if not isinstance(data, dict) or not data.get("sku"):
        return web.json_response({"error": "validation_failed",
                                  "fields": {"sku": "required"}}, status=422)
    return web.json_response({"id": 2, "bytes": len(body)}, status=201)


@routes.get("/api/admin/reports")
async def admin(request):
    if request.headers.get("Authorization") != "Bearer s3cret":
        return web.json_response({"error": "unauthorized", "message": "missing or invalid token"},
                                 status=401, headers={"WWW-Authenticate": 'Bearer realm="orders"'})
    return web.json_response({"reports": []})


@routes.get("/api/export")
async def export(request):
    return web.json_response({"error": "rate_limited", "message": "5 exports per hour",
                              "retry_after": 1800}, status=429, headers={"Retry-After": "1800"})


@routes.get("/api/boom")
async def boom(request):
    cart = None
    return web.json_response({"total": cart["total"]})   # TypeError: aiohttp's terse 500


@routes.get("/api/maintenance")
async def maintenance(request):
    return web.json_response({"error": "maintenance", "message": "back at 02:00 UTC"},
                             status=503, headers={"Retry-After": "600"})


@routes.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return web.json_response({"status": "late"})


app = web.Application(client_max_size=64 * 1024)
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
