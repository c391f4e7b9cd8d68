"""Round 127: the Sorrel orders API on FastAPI (served by Daphne behind
Varnish), its error handling customised: HTTPException, RequestValidationError
and unhandled exceptions all answer {"ok": false, "error": {"code",
"message"}, "request_id"} (the front's X-Request-ID echoed); paths outside
/api/ get the team's HTML 404 page. /api/search is the app's 429 with
Retry-After and RateLimit-* headers; /api/maintenance its JSON 503; /api/latest
a 307; /api/slow 6 s. Order 1 is public, max-age=30; order 999's 404 public,
max-age=30 too (a cache may keep it)."""
import asyncio

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


class NewOrder(BaseModel):
    sku: str
    qty: int = 1


def rid(request):
    return request.headers.get("x-request-id", "-")


def fail(request, status, code, message, headers=None, **extra):
    h = {"X-Request-ID": rid(request), "Cache-Control": "no-store"}
    h.update(headers or {})
    body = {"ok": False, "error": {"code": code, "message": message}, "request_id": rid(request)}
    body["error"].update(extra)
    return JSONResponse(body, status_code=status, headers=h)


NOT_FOUND_PAGE = """<!DOCTYPE html>
<html><head><title>Not found - Sorrel</title></head>
<body><div class="sorrel-error"><h2>This page wandered off</h2>
<p>Try the <a href="/">Sorrel home page</a>. Reference {rid}</p></div></body></html>
"""


@app.exception_handler(StarletteHTTPException)
async def http_exc(request: Request, exc: StarletteHTTPException):
    if not request.url.path.startswith("/api/"):
        return HTMLResponse(NOT_FOUND_PAGE.format(rid=rid(request)), status_code=exc.status_code,
                            headers={"X-Request-ID": rid(request)})
    codes = {404: "not_found", 405: "method_not_allowed"}
    return fail(request, exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))


@app.exception_handler(RequestValidationError)
async def invalid(request: Request, exc: RequestValidationError):
    fields = [".".join(str(p) for p in e["loc"]) for e in exc.errors()]
    return fail(request, 422, "invalid_body", "the request body did not validate", fields=fields)


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    return fail(request, 500, "internal_error", "something went wrong; quote the request id")


@app.get("/api/orders/{oid}")
async def order(oid: int, request: Request):
    if oid != 1:
        r = fail(request, 404, "order_not_found", f"order {oid} does not exist")
        r.headers["Cache-Control"] = "public, max-age=30"
        return r
    return JSONResponse({"id": 1, "sku": "SR-9", "qty": 3, "status": "packed"},
                        headers={"Cache-Control": "public, max-age=30", "ETag": '"sr-1-v2"', "X-Request-ID": rid(request)})


@app.post("/api/orders", status_code=201)
async def create(body: NewOrder):
    return {"id": 2, "sku": body.sku, "qty": body.qty}


@app.get("/api/search")
async def search(request: Request):
    return fail(request, 429, "rate_limited", "too many searches; slow down", headers={
        "Retry-After": "20", "RateLimit-Limit": "30", "RateLimit-Remaining": "0", "RateLimit-Reset": "20"})


@app.get("/api/maintenance")
async def maintenance(request: Request):
    return fail(request, 503, "maintenance", "Sorrel is in a planned maintenance window until 04:00 UTC",
                headers={"Retry-After": "1800"})


@app.get("/api/latest")
async def latest():
    return RedirectResponse("/api/orders/1", status_code=307)


@app.get("/api/boom")
async def boom():
    raise KeyError("warehouse")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(6)
    return {"report": "done"}


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}
