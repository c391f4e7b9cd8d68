"""Round 127: one Starlette orders API whose team customised every error
handler, in two team flavours chosen by R127_STYLE:
  envelope (Tamarack, behind nginx on Hypercorn): JSON errors as
      {"error": {"code", "message", "request_id"}} for /api/, the team's own
      HTML 404/500 pages elsewhere;
  problem  (Quarry, behind Caddy on Daphne): RFC 9457 application/problem+json
      for /api/, the team's own HTML 404/500 pages elsewhere.
The request id is the front's X-Request-ID, echoed in the body and as a
response header. /api/search is the app's own 429 (Retry-After, RateLimit
headers); /api/maintenance its JSON 503; /api/latest a 302; /api/slow 6 s."""
import asyncio
import json
import os

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

STYLE = os.environ.get("R127_STYLE", "envelope")
TEAM = {"envelope": "Tamarack", "problem": "Quarry"}[STYLE]
ORDER = {"id": 1, "sku": "TM-220", "qty": 2, "status": "shipped"}
CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 422: "VALIDATION_FAILED",
         429: "RATE_LIMITED", 500: "INTERNAL", 503: "MAINTENANCE"}
TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 422: "Unprocessable Content",
          429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


def rid(request):
    return request.headers.get("x-request-id", "-")


def err(request, status, message, headers=None, **extra):
    h = {"X-Request-ID": rid(request), "Cache-Control": "no-store"}
    h.update(headers or {})
    if STYLE == "problem":
        body = {"type": f"https://errors.quarry.example/{CODES[status].lower().replace('_', '-')}",
                "title": TITLES[status], "status": status, "detail": message,
                "instance": request.url.path, "request_id": rid(request)}
        body.update(extra)
        return Response(json.dumps(body) + "\n", status_code=status, headers=h, media_type="application/problem+json")
    body = {"error": {"code": CODES[status], "message": message, "request_id": rid(request)}}
    body["error"].update(extra)
    return JSONResponse(body, status_code=status, headers=h)


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {team}</title>
<link rel="stylesheet" href="/static/{lteam}.css"></head>
<body class="error-page"><main><h1>{heading}</h1><p>{text}</p>
<p class="ref">Reference: {rid}</p><a href="/">Back to {team}</a></main></body></html>
"""


def page(request, status):
    if status == 404:
        heading, text = "We couldn't find that page", "The link may be old, or the page has moved."
    else:
        heading, text = "Something broke on our side", "Our team has been told. Please try again in a few minutes."
    return HTMLResponse(PAGE.format(title="Page not found" if status == 404 else "Error", team=TEAM, lteam=TEAM.lower(),
                                    heading=heading, text=text, rid=rid(request)),
                        status_code=status, headers={"X-Request-ID": rid(request), "Cache-Control": "no-store"})


async def order(request):
    oid = request.path_params["oid"]
    if oid != "1":
        return err(request, 404, f"order {oid} does not exist")
    return JSONResponse(ORDER, headers={"Cache-Control": "public, max-age=30", "ETag": '"ord-1-v3"',
                                        "X-Request-ID": rid(request)})


async def create(request):
    try:
        body = json.loads(await request.body())
    except ValueError:
        return err(request, 400, "request body is not valid JSON")
    if not isinstance(body, dict) or "sku" not in body:
        return err(request, 422, "field 'sku' is required", fields={"sku": "required"})
    return JSONResponse({"id": 2, "sku": body["sku"]}, status_code=201, headers={"X-Request-ID": rid(request)})


async def search(request):
    return err(request, 429, "search is limited to 60 requests a minute", headers={
        "Retry-After": "30", "RateLimit-Policy": '"search";q=60;w=60', "RateLimit": '"search";r=0;t=30'})


async def maintenance(request):
    return err(request, 503, "orders are read-only during the nightly migration", headers={"Retry-After": "900"})


async def latest(request):
    return RedirectResponse("/api/orders/1", status_code=302, headers={"X-Request-ID": rid(request)})


async def boom(request):
    raise RuntimeError("inventory total does not match ledger")


async def slow(request):
    await asyncio.sleep(6)
    return JSONResponse({"report": "done"})


async def healthz(request):
    return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


async def http_exc(request, exc):
    if request.url.path.startswith("/api/"):
        return err(request, exc.status_code if exc.status_code in CODES else 400,
                   f"no route for {request.method} {request.url.path}" if exc.status_code == 404 else str(exc.detail))
    return page(request, 404 if exc.status_code == 404 else 500)


async def unhandled(request, exc):
    if request.url.path.startswith("/api/"):
        return err(request, 500, "unexpected error; quote the request id to support")
    return page(request, 500)


app = Starlette(routes=[
    Route("/api/orders/{oid}", order), Route("/api/orders", create, methods=["POST"]),
    Route("/api/search", search), Route("/api/maintenance", maintenance), Route("/api/latest", latest),
    Route("/api/boom", boom), Route("/reports/boom", boom), Route("/api/slow", slow), Route("/healthz", healthz),
], exception_handlers={HTTPException: http_exc, Exception: unhandled})
