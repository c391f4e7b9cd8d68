"""Round 80: the Ledgerly invoices API on Falcon 4.4 as an ASGI app, served
by uvicorn 0.55 (h11, `Server: uvicorn`) behind HAProxy.

Falcon's errors are JSON by default ({"title": "404 Not Found"}): raised
HTTPError subclasses, unrouted paths, a wrong method (405), a body that is
not JSON (400, "Invalid JSON"), a body over 2 KB (413, raised by the
resource) and an unhandled error (500). The HTML 502/503/504 pages are
round 55's.
Run: python -m uvicorn --http h11 --host 127.0.0.1 --port PORT falcon_app:app
"""
import asyncio
import os
import sys

import falcon
import falcon.asgi

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from upstream_pages import page  # noqa: E402

TOO_LARGE = getattr(falcon, "HTTPContentTooLarge", None) or falcon.HTTPPayloadTooLarge


class Invoice:
    async def on_get(self, req, resp, iid):
        if not iid.isdigit():
            raise falcon.HTTPBadRequest(title="Invalid invoice id", description=f"invoice id must be a number, got '{iid}'")
        if iid == "1":
            resp.media = {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}
            return
        raise falcon.HTTPNotFound(description=f"no invoice {iid}")


class Invoices:
    async def on_post(self, req, resp):
        if (req.content_length or 0) > 2048:
            raise TOO_LARGE(title="Body too large", description="invoice bodies are limited to 2 KB")
        data = await req.get_media()  # not JSON: Falcon's 400
        if not isinstance(data, dict) or "ref" not in data:
            raise falcon.HTTPUnprocessableEntity(title="Validation failed", description="field 'ref' is required")
        if data["ref"] == "LG-1001":
            raise falcon.HTTPConflict(title="Duplicate ref", description=f"an invoice with ref {data['ref']} already exists")
        resp.status = falcon.HTTP_201
        resp.media = {"id": 2, "ref": data["ref"], "status": "draft"}


class Account:
    async def on_get(self, req, resp):
        raise falcon.HTTPUnauthorized(title="Unauthorized", description="a bearer token is required",
                                      challenges=['Bearer realm="ledgerly"'])


class Admin:
    async def on_get(self, req, resp):
        raise falcon.HTTPForbidden(title="Forbidden", description="your role may not open the admin area")


class Maintenance:
    async def on_get(self, req, resp):
        raise falcon.HTTPServiceUnavailable(title="Maintenance",
                                            description="invoices are read-only during the ledger migration",
                                            retry_after=120)


class Html:
    def __init__(self, status):
        self.status = status

    async def on_get(self, req, resp):
        resp.status = self.status
        resp.content_type = falcon.MEDIA_HTML
        resp.text = page(self.status)


class Boom:
    async def on_get(self, req, resp):
        raise RuntimeError("ledger total overflow")


class Slow:
    async def on_get(self, req, resp):
        await asyncio.sleep(5)
        resp.media = {"slow": True}


app = falcon.asgi.App()
app.add_route("/api/invoices/{iid}", Invoice())
app.add_route("/api/invoices", Invoices())
app.add_route("/api/account", Account())
app.add_route("/api/admin", Admin())
app.add_route("/api/maintenance", Maintenance())
app.add_route("/api/payments", Html(502))
app.add_route("/api/statements", Html(503))
app.add_route("/api/bank", Html(504))
app.add_route("/api/boom", Boom())
app.add_route("/api/slow", Slow())
