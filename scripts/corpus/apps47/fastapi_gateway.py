"""Round-47 corpus: an API gateway written in FastAPI (under uvicorn), in
front of the Django warehouse API. It forwards /api/... with httpx and relays
whatever the service answers; what it writes itself:

- API keys with FastAPI's APIKeyHeader (X-API-Key): its stock answer when the
  header is missing, a 403 for an unknown key;
- a per-key quota (the batch importer's key: 1 request a minute): a JSON 429
  with Retry-After;
- a 413 for bodies over 1 KiB (by Content-Length), from a middleware;
- a JSON 502 when the service refuses the connection, a JSON 504 when it
  does not answer within 2 s (httpx's timeouts);
- FastAPI's {"detail":"Not Found"} for a path it does not route;
- Starlette's text 500 for a bug in its /api/reports/ forwarding (the tenant
  header is lower-cased without a check: no X-Tenant header raises).

UPSTREAM and DEAD_UPSTREAM come from the environment.
"""
import os
import time

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader

UPSTREAM = os.environ.get("UPSTREAM", "http://127.0.0.1:58313")
DEAD_UPSTREAM = os.environ.get("DEAD_UPSTREAM", "http://127.0.0.1:58398")
KEYS = {"k-wms-ui-51c2": ("wms-ui", 10000), "k-batch-import-9d0e": ("batch-import", 1)}
USED: dict = {}
RELAY = ("content-type", "retry-after", "www-authenticate", "location", "cache-control")

app = FastAPI(title="warehouse-gateway", docs_url=None, redoc_url=None, openapi_url=None)
client = httpx.AsyncClient(timeout=httpx.Timeout(2.0))
api_key = APIKeyHeader(name="X-API-Key")


@app.middleware("http")
async def body_limit(request: Request, call_next):
    length = int(request.headers.get("content-length") or 0)
    if length > 1024:
        return JSONResponse({"detail": f"Request body of {length} bytes exceeds the gateway limit of 1024 bytes"},
                            status_code=413)
    return await call_next(request)


def consumer(key: str = Depends(api_key)):
    if key not in KEYS:
        raise HTTPException(status_code=403, detail="Invalid API key")
    name, quota = KEYS[key]
    window = int(time.time() // 60)
    used = USED.get((name, window), 0) + 1
    USED[(name, window)] = used
    if used > quota:
        raise HTTPException(status_code=429, detail=f"Quota of {quota} requests per minute exceeded for {name}",
                            headers={"Retry-After": str(60 - int(time.time()) % 60)})
    return name


async def forward(base: str, path: str, request: Request, who: str) -> Response:
    headers = {k: v for k, v in request.headers.items() if k in ("content-type", "accept", "authorization")}
    headers["X-Consumer"] = who
    try:
        upstream = await client.request(request.method, f"{base}/{path}", params=request.query_params,
                                        content=await request.body(), headers=headers)
    except httpx.TimeoutException:
        return JSONResponse({"detail": "Upstream service timed out", "upstream": base}, status_code=504)
    except httpx.TransportError as exc:
        return JSONResponse({"detail": "Upstream service unavailable", "upstream": base,
                             "reason": type(exc).__name__}, status_code=502)
    out = {k: v for k, v in upstream.headers.items() if k in RELAY}
    return Response(upstream.content, status_code=upstream.status_code, headers=out)


@app.api_route("/api/billing/{path:path}", methods=["GET", "POST"])
async def billing(path: str, request: Request, who: str = Depends(consumer)):
    return await forward(DEAD_UPSTREAM, "api/billing/" + path, request, who)


@app.api_route("/api/reports/{path:path}", methods=["GET"])
async def reports(path: str, request: Request, who: str = Depends(consumer)):
    tenant = request.headers.get("x-tenant").lower()  # AttributeError without X-Tenant
    return await forward(UPSTREAM, f"api/reports/{path}?tenant={tenant}", request, who)


@app.api_route("/api/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def api(path: str, request: Request, who: str = Depends(consumer)):
    return await forward(UPSTREAM, "api/" + path, request, who)
