"""Round 80: the Ledgerly invoices API on Sanic 25.12 (its own HTTP server,
single process) behind Varnish; marks some answers cacheable.

Cacheable: /api/invoices/1 (public, max-age=60, ETag "inv-1-v3",
Last-Modified), /api/rates (public, max-age=1, ETag) and the handler's
JSON 404 for invoice 9 (public, max-age=120, an app error a cache may
keep). Everything else says no-store. JSON for the handlers' own answers;
Sanic's own error pages (FALLBACK_ERROR_FORMAT "auto") for NotFound,
unrouted paths, a wrong method (405), a body that is not JSON (400),
ServiceUnavailable, a body over REQUEST_MAX_SIZE (2 KB, 413) and an
unhandled error (500). The HTML 502/503/504 pages are round 55's.
Run: python sanic_app.py PORT
"""
import asyncio
import os
import sys

from sanic import Sanic
from sanic.exceptions import NotFound, ServiceUnavailable
from sanic.response import html, json

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from upstream_pages import page  # noqa: E402

app = Sanic("ledgerly")
app.config.REQUEST_MAX_SIZE = 2048
LM = "Mon, 01 Dec 2026 08:00:00 GMT"
NOSTORE = {"Cache-Control": "no-store"}


def err(status, code, message, age=None, **headers):
    hdrs = {"Cache-Control": f"public, max-age={age}" if age else "no-store"}
    hdrs.update({k.replace("_", "-"): v for k, v in headers.items()})
    return json({"error": code, "message": message}, status=status, headers=hdrs)


@app.get("/api/invoices/<iid>")
async def invoice(request, iid):
    if not iid.isdigit():
        return err(400, "invalid_id", f"invoice id must be a number, got '{iid}'")
    if iid == "1":
        return json({"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"},
                    headers={"Cache-Control": "public, max-age=60", "ETag": '"inv-1-v3"', "Last-Modified": LM})
    if iid == "7":
        raise NotFound("No invoice 7 in this ledger")  # Sanic's own 404 page
    return err(404, "invoice_not_found", f"no invoice {iid}", age=120 if iid == "9" else None)


@app.get("/api/rates")
async def rates(request):
    return json({"base": "EUR", "usd": "1.0831", "gbp": "0.8412"},
                headers={"Cache-Control": "public, max-age=1", "ETag": '"rates-2026-12"'})


@app.post("/api/invoices")
async def create(request):
    data = request.json  # a body that is not JSON: Sanic's 400
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", f"an invoice with ref {data['ref']} already exists")
    return json({"id": 2, "ref": data["ref"], "status": "draft"}, status=201, headers=NOSTORE)


@app.get("/api/account")
async def account(request):
    return err(401, "unauthorized", "a bearer token is required", WWW_Authenticate='Bearer realm="ledgerly"')


@app.get("/api/admin")
async def admin(request):
    return err(403, "forbidden", "your role may not open the admin area")


@app.get("/api/maintenance")
async def maintenance(request):
    raise ServiceUnavailable("Invoices are read-only during the ledger migration")


def page_route(status):
    async def view(request):
        return html(page(status), status=status, headers=NOSTORE)
    return view


app.add_route(page_route(502), "/api/payments", name="payments")
app.add_route(page_route(503), "/api/statements", name="statements")
app.add_route(page_route(504), "/api/bank", name="bank")


@app.get("/api/boom")
async def boom(request):
    raise RuntimeError("ledger total overflow")


@app.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return json({"slow": True}, headers=NOSTORE)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), single_process=True, access_log=False, motd=False)
