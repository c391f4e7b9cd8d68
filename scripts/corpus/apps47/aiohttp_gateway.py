"""Round-47 corpus: an API gateway on aiohttp's web server, forwarding with
aiohttp's own client, in front of the Express orders API. What it writes
itself uses aiohttp's stock HTTP exceptions (their text bodies, "404: Not
Found" and so on) except where the team wrote JSON:

- a JWT middleware (PyJWT, HS256) on /api/...: a JSON 401 when the token is
  missing, expired or badly signed, with WWW-Authenticate;
- a sliding one-minute limit on /api/catalog (2 a minute):
  web.HTTPTooManyRequests;
- client_max_size 1 KiB: aiohttp's own 413 when the gateway reads the body;
- web.HTTPBadGateway when the service refuses, web.HTTPGatewayTimeout after
  2 s;
- aiohttp's 404 for a path it does not route, its 500 for a bug in the
  /api/reports/ forwarding (no X-Tenant header raises).

python aiohttp_gateway.py PORT UPSTREAM DEAD_UPSTREAM
"""
import asyncio
import json
import sys
import time

import aiohttp
import jwt
from aiohttp import web

PORT, UPSTREAM, DEAD = int(sys.argv[1]), sys.argv[2], sys.argv[3]
SECRET = "round47-storefront-signing-key-000001"
HITS: list = []


def unauthorized(error, description):
    return web.Response(
        status=401, content_type="application/json",
        text=json.dumps({"error": error, "error_description": description}),
        headers={"WWW-Authenticate": f'Bearer realm="storefront", error="{error}"'})


@web.middleware
async def jwt_auth(request, handler):
    if not request.path.startswith("/api/"):
        return await handler(request)
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return unauthorized("invalid_request", "Bearer token required")
    try:
        request["claims"] = jwt.decode(auth[7:], SECRET, algorithms=["HS256"])
    except jwt.ExpiredSignatureError:
        return unauthorized("invalid_token", "The access token expired")
    except jwt.InvalidTokenError as exc:
        return unauthorized("invalid_token", f"The access token is invalid: {exc}")
    return await handler(request)


async def forward(request, base, path):
    body = await request.read()  # client_max_size applies here
    headers = {k: v for k, v in request.headers.items() if k.lower() in ("content-type", "accept")}
    headers["X-User"] = str(request.get("claims", {}).get("sub", ""))
    session = request.app["session"]
    try:
        async with session.request(request.method, base + path, params=request.query, data=body,
                                   headers=headers, timeout=aiohttp.ClientTimeout(total=2)) as up:
            payload = await up.read()
            out = {k: v for k, v in up.headers.items()
                   if k.lower() in ("content-type", "retry-after", "www-authenticate", "allow", "cache-control")}
            return web.Response(status=up.status, body=payload, headers=out)
    except asyncio.TimeoutError:
        raise web.HTTPGatewayTimeout()
    except aiohttp.ClientConnectionError:
        raise web.HTTPBadGateway()


async def catalog(request):
    now = time.monotonic()
    HITS[:] = [t for t in HITS if now - t < 60]
    if len(HITS) >= 2:
        raise web.HTTPTooManyRequests(headers={"Retry-After": "60"})
    HITS.append(now)
    return await forward(request, UPSTREAM, "/api/catalog")


async def api(request):
    return await forward(request, UPSTREAM, "/api/" + request.match_info["tail"])


async def loyalty(request):
    return await forward(request, DEAD, "/api/loyalty/" + request.match_info["tail"])


async def reports(request):
    tenant = request.headers.get("X-Tenant").lower()  # AttributeError without X-Tenant
    return await forward(request, UPSTREAM, f"/api/reports/{request.match_info['tail']}?tenant={tenant}")


async def make_session(app):
    app["session"] = aiohttp.ClientSession()
    yield
    await app["session"].close()


app = web.Application(middlewares=[jwt_auth], client_max_size=1024)
app.cleanup_ctx.append(make_session)
app.router.add_get("/api/reports/{tail:.*}", reports)
app.router.add_get("/api/catalog", catalog)
app.router.add_route("*", "/api/loyalty/{tail:.*}", loyalty)
app.router.add_route("*", "/api/{tail:.*}", api)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=PORT, access_log=None, print=None)
