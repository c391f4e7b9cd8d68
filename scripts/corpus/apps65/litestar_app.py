"""Round-65 corpus: the Ledgerly invoices API (round 55's routes, as in
../apps55/fastapi_app.py) on Litestar 2, served by uvicorn (debug off).

  uvicorn --host 127.0.0.1 --port PORT litestar_app:app

The handlers answer with the same JSON bodies as every Ledgerly app
({"error": ..., "message": ...}); Litestar's own answers stay stock: its
JSON 404 for no route, its JSON 405, and its JSON 500 for an uncaught
exception ({"status_code": 500, "detail": "Internal Server Error"}). The
HTML 502/503/504 pages are round 55's (../apps55/upstream_pages.py).
/api/invoices/1 and /api/rates are cacheable (Cache-Control: public, an
ETag) so the cache in front stores them. No request id is set.
"""

import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from litestar import Litestar, Request, Response, get, post  # noqa: E402
from litestar.enums import MediaType  # noqa: E402

from upstream_pages import page  # noqa: E402

INVOICES = {1: {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}}
RATES = {"base": "EUR", "USD": "1.0842", "GBP": "0.8571", "as_of": "2026-12-04"}


def err(status, code, message, **headers):
    return Response({"error": code, "message": message}, status_code=status, headers=headers or None)


@get("/api/invoices/{iid:int}")
async def invoice(iid: int) -> Response:
    if iid not in INVOICES:
        return err(404, "invoice_not_found", f"no invoice {iid}")
    return Response(INVOICES[iid], headers={"Cache-Control": "public, max-age=60", "ETag": '"inv-1-v3"'})


@get("/api/rates")
async def rates() -> Response:
    return Response(RATES, headers={"Cache-Control": "public, max-age=1", "ETag": '"rates-2026-12"'})


@post("/api/invoices")
async def create(request: Request) -> Response:
    try:
        body = await request.json()
    except Exception:  # noqa: BLE001 - a body that is not JSON is a 422 like a missing field
        body = None
    if not isinstance(body, dict) or "ref" not in body:
        return err(422, "validation_failed", "field 'ref' is required")
    if body["ref"] == "LG-1001":
        return err(409, "duplicate_ref", f"an invoice with ref {body['ref']} already exists")
    return Response({"id": 2, "ref": body["ref"], "status": "draft"}, status_code=201,
                    headers={"Location": "/api/invoices/2"})


@get("/api/account")
async def account() -> Response:
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="ledgerly"'})


@get("/api/admin")
async def admin() -> Response:
    return err(403, "forbidden", "your role may not open the admin area")


@get("/api/quota")
async def quota() -> Response:
    return err(429, "rate_limited", "100 requests per minute per key", **{"Retry-After": "30"})


@get("/api/maintenance")
async def maintenance() -> Response:
    return err(503, "maintenance", "invoices are read-only during the ledger migration", **{"Retry-After": "120"})


def html(path, status):
    @get(path, name=f"page{status}")
    async def handler() -> Response:
        return Response(page(status), status_code=status, media_type=MediaType.HTML)
    return handler


@get("/api/boom")
async def boom() -> dict:
    totals = {}
    return {"total": totals["EUR"]}  # KeyError, not handled: Litestar's 500


@get("/api/slow")
async def slow() -> dict:
    await asyncio.sleep(5)
    return {"slow": True}


@get("/healthz", media_type=MediaType.TEXT)
async def healthz() -> str:
    return "ok"


app = Litestar(
    route_handlers=[invoice, rates, create, account, admin, quota, maintenance,
                    html("/api/payments", 502), html("/api/statements", 503), html("/api/bank", 504),
                    boom, slow, healthz],
    debug=False,
)
