"""Round-56 corpus: the Tidemark loans API on Flama (ASGI), run by uvicorn.
The same routes in both apps of this round:

  GET  /api/loans/1         200 JSON            GET /api/loans/9      404 JSON
  GET  /api/account         401 JSON (Bearer)   GET /api/admin        403 JSON
  POST /api/loans           409 JSON (a duplicate reference), 422 JSON when
                            the body has no "ref"
  GET  /api/quota           429 JSON, Retry-After
  GET  /api/maintenance     503 JSON, Retry-After
  GET  /api/payments        the app's own HTML 502 page
  GET  /api/search          the app's own HTML 503 page
  GET  /api/courier         the app's own HTML 504 page
  GET  /api/boom            an unhandled exception (the framework's 500)
  GET  /api/slow            sleeps 5 s, then 200
  GET  /healthz             200 text
"""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flama import Flama  # noqa: E402
from flama import http  # noqa: E402
from upstream_pages import page  # noqa: E402

app = Flama(openapi={"info": {"title": "tidemark", "version": "1.0"}}, docs=None, schema=None)
LOANS = {1: {"id": 1, "ref": "TM-2001", "status": "on_loan", "items": 2}}


def err(status, code, message, **headers):
    return http.JSONResponse({"error": code, "message": message}, status_code=status, headers=headers or None)


async def loan(lid: int):
    if lid in LOANS:
        return http.JSONResponse(LOANS[lid])
    return err(404, "loan_not_found", "no loan %d" % lid)


async def create(request: http.Request):
    try:
        data = await request.json()
    except Exception:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    return err(409, "duplicate_ref", "a loan with ref %s already exists" % data["ref"])


async def account(request: http.Request):
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="tidemark"'})


async def admin(request: http.Request):
    return err(403, "forbidden", "your role may not open the admin area")


async def quota(request: http.Request):
    return err(429, "rate_limited", "120 requests per minute per key", **{"Retry-After": "30"})


async def maintenance(request: http.Request):
    return err(503, "maintenance", "loans are read-only during the migration", **{"Retry-After": "120"})


async def payments(request: http.Request):
    return http.HTMLResponse(page(502), status_code=502)


async def search(request: http.Request):
    return http.HTMLResponse(page(503), status_code=503)


async def courier(request: http.Request):
    return http.HTMLResponse(page(504), status_code=504)


async def boom(request: http.Request):
    return {"ratio": 1 / 0}


async def slow(request: http.Request):
    await asyncio.sleep(5)
    return http.JSONResponse({"slow": True})


async def healthz(request: http.Request):
    return http.PlainTextResponse("ok\n")


for path, fn, methods in [
    ("/api/loans/{lid:int}", loan, ["GET"]), ("/api/loans", create, ["POST"]),
    ("/api/account", account, ["GET"]), ("/api/admin", admin, ["GET"]),
    ("/api/quota", quota, ["GET"]), ("/api/maintenance", maintenance, ["GET"]),
    ("/api/payments", payments, ["GET"]), ("/api/search", search, ["GET"]),
    ("/api/courier", courier, ["GET"]), ("/api/boom", boom, ["GET"]),
    ("/api/slow", slow, ["GET"]), ("/healthz", healthz, ["GET"]),
]:
    app.add_route(path, fn, methods=methods)
