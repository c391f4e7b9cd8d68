"""Round 136: the Ospreyfield orders API on Sanic (its own server), behind
Squid. The team registered error handlers (app.error_handler.add /
@app.exception): /api/ errors answer {"error": {"code", "message",
"request_id"}} with the front's X-Request-ID echoed; other paths get the
team's HTML 404/500 pages. /api/search: its own 429 (Retry-After);
/api/maintenance: its own JSON 503; /api/payments and /api/reports: its own
HTML 502/504 about a dependency; /api/account: 401 with WWW-Authenticate;
/api/me: 401 without; /api/boom raises; /api/slow: 6 s."""
import asyncio
import json

from sanic import Sanic, response
from sanic.exceptions import NotFound, SanicException, BadRequest

app = Sanic("ospreyfield")
app.config.FALLBACK_ERROR_FORMAT = "json"
app.config.MOTD = False


def rid(request):
    return request.headers.get("x-request-id", "-")


def fail(request, status, code, message, headers=None):
    h = {"X-Request-ID": rid(request)}
    h.update(headers or {})
    return response.json({"error": {"code": code, "message": message, "request_id": rid(request)}}, status=status, headers=h)


def page(request, status, title, text):
    return response.html(
        f"<!DOCTYPE html>\n<html><head><title>{title} - Ospreyfield</title></head>\n"
        f"<body><div class=\"of-error\"><h1>{title}</h1><p>{text}</p>\n"
        f"<p>Reference {rid(request)}</p></div></body></html>\n", status=status, headers={"X-Request-ID": rid(request)})


@app.get("/api/orders/<oid:int>")
async def order(request, oid):
    if oid != 1:
        return fail(request, 404, "order_not_found", f"order {oid} does not exist")
    return response.json({"id": 1, "sku": "OF-3", "qty": 1, "status": "shipped"},
                         headers={"Cache-Control": "public, max-age=30", "ETag": '"of-1-v1"', "X-Request-ID": rid(request)})


@app.post("/api/orders")
async def create(request):
    try:
        body = json.loads(request.body or b"")
    except ValueError:
        return fail(request, 400, "malformed_json", "the request body is not valid JSON")
    if not isinstance(body, dict) or not body.get("sku"):
        return fail(request, 422, "validation_failed", "sku is required")
    return response.json({"id": 2, "sku": body["sku"]}, status=201)


@app.get("/api/search")
async def search(request):
    return fail(request, 429, "rate_limited", "too many searches; slow down", {"Retry-After": "20"})


@app.get("/api/maintenance")
async def maintenance(request):
    return fail(request, 503, "maintenance", "Ospreyfield is being upgraded; back at 07:00 UTC", {"Retry-After": "900"})


@app.get("/api/account")
async def account(request):
    return fail(request, 401, "unauthenticated", "sign in first", {"WWW-Authenticate": 'Bearer realm="ospreyfield"'})


@app.get("/api/me")
async def me(request):
    return fail(request, 401, "session_expired", "your session expired")


@app.get("/api/payments")
async def payments(request):
    return page(request, 502, "502 Bad Gateway", "The payments service (Coinrail) returned an error. No money moved.")


@app.get("/api/reports")
async def reports(request):
    return page(request, 504, "504 Gateway Timeout", "The reporting backend did not answer in time.")


@app.get("/api/boom")
async def boom(request):
    raise KeyError("carrier")


@app.get("/reports/boom")
async def rboom(request):
    raise RuntimeError("report template missing")


@app.get("/api/slow")
async def slow(request):
    await asyncio.sleep(6)
    return response.json({"report": "done"})


@app.get("/healthz")
async def healthz(request):
    return response.json({"status": "ok"})


@app.exception(NotFound)
async def not_found(request, exc):
    if request.path.startswith("/api/"):
        return fail(request, 404, "route_not_found", f"no route for {request.method} {request.path}")
    return page(request, 404, "Page not found", "That page does not exist.")


@app.exception(Exception)
async def crashed(request, exc):
    if isinstance(exc, SanicException) and not isinstance(exc, NotFound):
        return fail(request, exc.status_code, "error", str(exc))
    if request.path.startswith("/api/"):
        return fail(request, 500, "internal_error", "unexpected error; quote the request id")
    return page(request, 500, "Something went wrong", "We have been told and are looking into it.")
