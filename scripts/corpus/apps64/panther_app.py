"""Round-64 corpus: the Tidemark loans API (rounds 56 and 60's routes) on
Panther, an async Python framework no earlier round used, run by uvicorn.

  GET  /api/loans/1         200 JSON            GET /api/loans/9      404 JSON
  GET  /api/account         401 JSON (Bearer)   GET /api/admin        403 JSON
  POST /api/loans           409 JSON (a duplicate reference), 422 JSON when
                            the body has no "ref"
  GET  /api/quota           429 JSON, Retry-After
  GET  /api/maintenance     503 JSON, Retry-After
  GET  /api/payments        the app's own HTML 502 page
  GET  /api/search          the app's own HTML 503 page
  GET  /api/courier         the app's own HTML 504 page
  GET  /api/boom            an unhandled exception (Panther's own 500)
  GET  /api/slow            sleeps 5 s, then 200
  GET  /healthz             200 text
Paths with no route get Panther's own JSON 404; a method a route does not
allow gets Panther's own JSON 405.

usage: uvicorn panther_app:app --host 127.0.0.1 --port PORT (run from apps64/)
"""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from panther import Panther  # noqa: E402
from panther.app import API  # noqa: E402
from panther.request import Request  # noqa: E402
from panther.response import HTMLResponse, PlainTextResponse, Response  # noqa: E402
from upstream_pages import page  # noqa: E402

LOANS = {1: {"id": 1, "ref": "TM-2001", "status": "on_loan", "items": 2}}


def err(status, code, message, **headers):
    return Response(data={"error": code, "message": message}, status_code=status, headers=headers or None)


@API(methods=["GET"])
async def loan(lid: int):
    lid = int(lid)
    if lid in LOANS:
        return Response(data=LOANS[lid])
    return err(404, "loan_not_found", "no loan %d" % lid)


@API(methods=["POST"])
async def create(request: Request):
    data = request.data
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    return err(409, "duplicate_ref", "a loan with ref %s already exists" % data["ref"])


@API(methods=["GET"])
async def account():
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="tidemark"'})


@API(methods=["GET"])
async def admin():
    return err(403, "forbidden", "your role may not open the admin area")


@API(methods=["GET"])
async def quota():
    return err(429, "rate_limited", "120 requests per minute per key", **{"Retry-After": "30"})


@API(methods=["GET"])
async def maintenance():
    return err(503, "maintenance", "loans are read-only during the migration", **{"Retry-After": "120"})


@API(methods=["GET"])
async def payments():
    return HTMLResponse(data=page(502), status_code=502)


@API(methods=["GET"])
async def search():
    return HTMLResponse(data=page(503), status_code=503)


@API(methods=["GET"])
async def courier():
    return HTMLResponse(data=page(504), status_code=504)


@API(methods=["GET"])
async def boom():
    return Response(data={"ratio": 1 / 0})


@API(methods=["GET"])
async def slow():
    await asyncio.sleep(5)
    return Response(data={"slow": True})


@API(methods=["GET"])
async def healthz():
    return PlainTextResponse(data="ok\n")


URLS = {
    "api/loans/<lid>/": loan,
    "api/loans/": create,
    "api/account/": account,
    "api/admin/": admin,
    "api/quota/": quota,
    "api/maintenance/": maintenance,
    "api/payments/": payments,
    "api/search/": search,
    "api/courier/": courier,
    "api/boom/": boom,
    "api/slow/": slow,
    "healthz/": healthz,
}

app = Panther(__name__, configs=__name__, urls=URLS)
