"""Round-47 corpus: a small API gateway on Sanic (single process), forwarding
with httpx to the Flask orders API. Every error it raises itself goes through
Sanic's stock error pages (the format Sanic picks for the request):

- an X-Api-Token check: Unauthorized (with WWW-Authenticate) when the header
  is missing, Forbidden for an unknown token;
- a limit of 2 requests a minute on /api/catalog: SanicException(429);
- REQUEST_MAX_SIZE 1 KiB: Sanic's own 413 before any handler runs;
- SanicException(502) when the service refuses, (504) after 2 s;
- Sanic's 404 for a path it does not route, its 500 for a bug in the
  /api/reports/ forwarding (no X-Tenant header raises).

python sanic_gateway.py PORT UPSTREAM DEAD_UPSTREAM
"""
import sys
import time

import httpx
from sanic import Sanic
from sanic.exceptions import Forbidden, SanicException, Unauthorized
from sanic.response import raw

PORT, UPSTREAM, DEAD = int(sys.argv[1]), sys.argv[2], sys.argv[3]
TOKENS = {"t-ops-5520": "ops-dashboard"}
HITS: list = []

app = Sanic("orders_edge")
app.config.REQUEST_MAX_SIZE = 1024
client = httpx.AsyncClient(timeout=2.0)


def check_token(request):
    token = request.headers.get("x-api-token")
    if not token:
        raise Unauthorized("X-Api-Token header missing", scheme="Token", realm="orders-edge")
    if token not in TOKENS:
        raise Forbidden("Unknown API token")


async def forward(request, base, path):
    headers = {k: v for k, v in request.headers.items() if k in ("content-type", "accept", "authorization")}
    try:
        up = await client.request(request.method, base + path, params=request.args, content=request.body,
                                  headers=headers)
    except httpx.TimeoutException:
        raise SanicException("orders service did not answer in time", status_code=504)
    except httpx.TransportError:
        raise SanicException("orders service is unreachable", status_code=502)
    out = {k: v for k, v in up.headers.items() if k in ("retry-after", "www-authenticate", "cache-control")}
    return raw(up.content, status=up.status_code, headers=out,
               content_type=up.headers.get("content-type", "application/octet-stream"))


@app.get("/api/reports/<tail:path>")
async def reports(request, tail):
    check_token(request)
    tenant = request.headers.get("x-tenant").lower()  # AttributeError without X-Tenant
    return await forward(request, UPSTREAM, f"/api/reports/{tail}?tenant={tenant}")


@app.get("/api/catalog")
async def catalog(request):
    check_token(request)
    now = time.monotonic()
    HITS[:] = [t for t in HITS if now - t < 60]
    if len(HITS) >= 2:
        raise SanicException("Too many requests for /api/catalog, retry in a minute", status_code=429,
                             headers={"Retry-After": "60"})
    HITS.append(now)
    return await forward(request, UPSTREAM, "/api/catalog")


@app.route("/api/payments/<tail:path>", methods=["GET", "POST"])
async def payments(request, tail):
    check_token(request)
    return await forward(request, DEAD, "/api/payments/" + tail)


@app.route("/api/<tail:path>", methods=["GET", "POST", "PUT", "DELETE"])
async def api(request, tail):
    check_token(request)
    return await forward(request, UPSTREAM, "/api/" + tail)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=PORT, single_process=True, access_log=False, motd=False)
