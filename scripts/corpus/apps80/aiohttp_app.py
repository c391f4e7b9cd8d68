"""Round 80: the Ledgerly invoices API on aiohttp 3.14's web server
(`Server: Python/3.11 aiohttp/3.14.5`) behind Squid; invoice 1 cacheable
(public, max-age=60, ETag "inv-1-v3", Last-Modified), everything else
no-store.

JSON for the handlers' own answers; aiohttp's text pages ("404: Not
Found", "405: Method Not Allowed", "400: Bad Request" for a body that is
not JSON, "413: Request Entity Too Large" over client_max_size 2 KB) and
its 500 page for an unhandled error. The HTML 502/503/504 pages are round 55's.
Run: python aiohttp_app.py PORT
"""
import asyncio
import json
import os
import sys

from aiohttp import web

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from upstream_pages import page  # noqa: E402

LM = "Mon, 01 Dec 2026 08:00:00 GMT"
NOSTORE = {"Cache-Control": "no-store"}
routes = web.RouteTableDef()


def err(status, code, message, **headers):
    hdrs = dict(NOSTORE)
    hdrs.update({k.replace("_", "-"): v for k, v in headers.items()})
    return web.json_response({"error": code, "message": message}, status=status, headers=hdrs)


@routes.get("/api/invoices/{iid}")
async def invoice(request):
    iid = request.match_info["iid"]
    if not iid.isdigit():
        return err(400, "invalid_id", f"invoice id must be a number, got '{iid}'")
    if iid == "1":
        return web.json_response({"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"},
                                 headers={"Cache-Control": "public, max-age=60", "ETag": '"inv-1-v3"',
                                          "Last-Modified": LM})
    if iid == "7":
        raise web.HTTPNotFound()  # aiohttp's own text 404
    return err(404, "invoice_not_found", f"no invoice {iid}")


@routes.post("/api/invoices")
async def create(request):
    raw = await request.read()  # over client_max_size: aiohttp's 413
    try:
        data = json.loads(raw or b"null")
    except ValueError:
        raise web.HTTPBadRequest()  # aiohttp's own text 400
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", f"an invoice with ref {data['ref']} already exists")
    return web.json_response({"id": 2, "ref": data["ref"], "status": "draft"}, status=201, headers=NOSTORE)


@routes.get("/api/account")
async def account(request):
    return err(401, "unauthorized", "a bearer token is required", WWW_Authenticate='Bearer realm="ledgerly"')


@routes.get("/api/admin")
async def admin(request):
    return err(403, "forbidden", "your role may not open the admin area")


@routes.get("/api/maintenance")
async def maintenance(request):
    return err(503, "maintenance", "invoices are read-only during the ledger migration", Retry_After="120")


def page_route(status):
    async def view(request):
        return web.Response(text=page(status), status=status, content_type="text/html", headers=NOSTORE)
    return view


routes.get("/api/payments")(page_route(502))
routes.get("/api/statements")(page_route(503))
routes.get("/api/bank")(page_route(504))


@routes.get("/api/boom")
async def boom(request):
    raise RuntimeError("ledger total overflow")


@routes.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return web.json_response({"slow": True}, headers=NOSTORE)


if __name__ == "__main__":
    app = web.Application(client_max_size=2048)
    app.add_routes(routes)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
