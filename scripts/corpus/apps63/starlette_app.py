"""Round-63 corpus: the Ledgerly invoices API (routes as in
../apps55/fastapi_app.py) on Starlette alone (no FastAPI), served by
Hypercorn. Starlette's own answers stay stock: plain-text "Not Found" and
"Method Not Allowed", and ServerErrorMiddleware's plain "Internal Server
Error" (debug off). The app's HTML 502/503/504 pages are round 55's
(../apps55/upstream_pages.py). /api/invoices/1 and /api/rates are
cacheable (Cache-Control: public, an ETag) so the cache in front stores
them. No request id is set."""
import asyncio
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from starlette.applications import Starlette  # noqa: E402
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402
from upstream_pages import page  # noqa: E402

INVOICES = {1: {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}}


def err(status, code, message, **headers):
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


async def invoice(request):
    iid = request.path_params["iid"]
    if iid in INVOICES:
        return JSONResponse(INVOICES[iid], headers={"Cache-Control": "public, max-age=60", "ETag": '"inv-1-v3"'})
    return err(404, "invoice_not_found", "no invoice %d" % iid)


async def rates(request):
    return JSONResponse({"base": "EUR", "usd": "1.0831", "gbp": "0.8412"},
                        headers={"Cache-Control": "public, max-age=60", "ETag": '"rates-2026-12"'})


async def create(request):
    try:
        data = json.loads(await request.body())
    except ValueError:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", "an invoice with ref %s already exists" % data["ref"])
    return JSONResponse({"id": 2, "ref": data["ref"], "status": "draft"}, status_code=201)


async def account(request):
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="ledgerly"'})


async def admin(request):
    return err(403, "forbidden", "your role may not open the admin area")


async def quota(request):
    return err(429, "rate_limited", "100 requests per minute per key", **{"Retry-After": "30"})


async def maintenance(request):
    return err(503, "maintenance", "invoices are read-only during the ledger migration", **{"Retry-After": "120"})


def html(status):
    async def endpoint(request):
        return HTMLResponse(page(status), status_code=status)
    return endpoint


async def boom(request):
    return JSONResponse({"total": 1 / 0})


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"slow": True})


async def healthz(request):
    return PlainTextResponse("ok")


app = Starlette(routes=[
    Route("/api/invoices/{iid:int}", invoice),
    Route("/api/invoices", create, methods=["POST"]),
    Route("/api/rates", rates),
    Route("/api/account", account),
    Route("/api/admin", admin),
    Route("/api/quota", quota),
    Route("/api/maintenance", maintenance),
    Route("/api/payments", html(502)),
    Route("/api/statements", html(503)),
    Route("/api/bank", html(504)),
    Route("/api/boom", boom),
    Route("/api/slow", slow),
    Route("/healthz", healthz),
])
