"""Round-64 corpus: an API gateway written on fastapi-proxy-lib (a reverse
proxy library for FastAPI/Starlette on httpx, which no earlier round used),
served by uvicorn. It answers for the Panther app behind it:

  - every answer carries the gateway's own X-Request-Id (its own pages too);
    what the upstream sent also gets "Via: 1.1 tidemark-gw";
  - a Host other than loans.tidemark.test: the gateway's JSON 404;
  - a declared body over 1 KB: the gateway's JSON 413;
  - /api/exports/*: its own JSON 429 (Retry-After); /api/returns/*: its own
    JSON 503; /api/beta/*: an empty 503;
  - /api/* and /healthz go to the app; /legacy/* to a port nobody listens
    on. fastapi-proxy-lib's ReverseHttpProxy answers any transport error
    (refused, or the 2 s httpx timeout) with its own JSON 502;
  - any other path: FastAPI's own {"detail":"Not Found"}.
uvicorn runs it with --h11-max-incomplete-event-size 4096, so an 8 KB header
is refused by uvicorn (400) before the gateway's code runs.

usage: CORPUS_UP=PORT CORPUS_DEAD=PORT uvicorn fpl_gateway:app --port PORT
"""
import os
import uuid

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi_proxy_lib.core.http import ReverseHttpProxy

HOST = "loans.tidemark.test"
UP = int(os.environ["CORPUS_UP"])
DEAD = int(os.environ["CORPUS_DEAD"])

client = httpx.AsyncClient(timeout=httpx.Timeout(2.0))
api_proxy = ReverseHttpProxy(client, base_url="http://127.0.0.1:%d/" % UP)
legacy_proxy = ReverseHttpProxy(client, base_url="http://127.0.0.1:%d/legacy/" % DEAD)

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.middleware("http")
async def edge(request: Request, call_next):
    rid = uuid.uuid4().hex
    host = request.headers.get("host", "").rsplit(":", 1)[0]
    if host != HOST:
        resp = JSONResponse({"error": "unknown_host", "message": "no API is served for host %s" % (host or "(none)"),
                             "request_id": rid}, status_code=404)
    elif int(request.headers.get("content-length") or 0) > 1024:
        resp = JSONResponse({"error": "payload_too_large", "message": "request bodies are limited to 1 KB",
                             "request_id": rid}, status_code=413, headers={"Connection": "close"})
    else:
        resp = await call_next(request)
    resp.headers["X-Request-Id"] = rid
    return resp


@app.api_route("/api/exports/{rest:path}", methods=["GET", "POST"])
async def exports(rest: str):
    return JSONResponse({"error": "rate_limited", "message": "export quota for this key is used up"},
                        status_code=429, headers={"Retry-After": "60"})


@app.api_route("/api/returns/{rest:path}", methods=["GET", "POST"])
async def returns(rest: str):
    return JSONResponse({"error": "maintenance", "message": "returns are switched off until 18:00 UTC"},
                        status_code=503)


@app.api_route("/api/beta/{rest:path}", methods=["GET", "POST", "HEAD"])
async def beta(rest: str):
    return Response(status_code=503)


def via(resp):
    resp.headers["Via"] = "1.1 tidemark-gw"
    return resp


@app.api_route("/api/{path:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
async def api(request: Request, path: str):
    return via(await api_proxy.proxy(request=request, path="api/" + path))


@app.get("/healthz")
async def healthz(request: Request):
    return via(await api_proxy.proxy(request=request, path="healthz"))


@app.api_route("/legacy/{path:path}", methods=["GET", "HEAD", "POST"])
async def legacy(request: Request, path: str):
    return via(await legacy_proxy.proxy(request=request, path=path))
