"""Round 80: the Ledgerly invoices API on Tornado 6.6 (its own HTTP
server, `Server: TornadoServer/6.6.1`) behind Apache.

JSON for the handlers' own answers; Tornado's default write_error HTML
("<title>404: Not Found</title>") for HTTPError, unrouted paths, a wrong
method (405), a body that is not JSON (400) and an unhandled error (500).
The HTTP server refuses a body over max_body_size (2 KB) and a malformed
request with a bare "HTTP/1.1 400 Bad Request". The HTML 502/503/504 pages
are round 55's.
Run: python tornado_app.py PORT
"""
import asyncio
import json
import os
import sys

import tornado.httpserver
import tornado.web

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from upstream_pages import page  # noqa: E402


class Base(tornado.web.RequestHandler):
    def err(self, status, code, message, **headers):
        self.set_status(status)
        for k, v in headers.items():
            self.set_header(k.replace("_", "-"), v)
        self.finish({"error": code, "message": message})


class Invoice(Base):
    def get(self, iid):
        if not iid.isdigit():
            return self.err(400, "invalid_id", f"invoice id must be a number, got '{iid}'")
        if iid == "1":
            return self.finish({"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"})
        if iid == "7":
            raise tornado.web.HTTPError(404)  # Tornado's own HTML 404
        return self.err(404, "invoice_not_found", f"no invoice {iid}")


class Invoices(Base):
    def post(self):
        try:
            data = json.loads(self.request.body or b"null")
        except ValueError:
            raise tornado.web.HTTPError(400, reason="Body Is Not JSON")
        if not isinstance(data, dict) or "ref" not in data:
            return self.err(422, "validation_failed", "field 'ref' is required")
        if data["ref"] == "LG-1001":
            return self.err(409, "duplicate_ref", f"an invoice with ref {data['ref']} already exists")
        self.set_status(201)
        self.finish({"id": 2, "ref": data["ref"], "status": "draft"})


class Account(Base):
    def get(self):
        self.err(401, "unauthorized", "a bearer token is required", WWW_Authenticate='Bearer realm="ledgerly"')


class Admin(Base):
    def get(self):
        self.err(403, "forbidden", "your role may not open the admin area")


class Maintenance(Base):
    def get(self):
        self.err(503, "maintenance", "invoices are read-only during the ledger migration", Retry_After="120")


def html(status):
    class H(Base):
        def get(self):
            self.set_status(status)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page(status))
    return H


class Boom(Base):
    def get(self):
        raise RuntimeError("ledger total overflow")


class Slow(Base):
    async def get(self):
        await asyncio.sleep(5)
        self.finish({"slow": True})


async def main(port):
    app = tornado.web.Application([
        (r"/api/invoices/([^/]+)", Invoice),
        (r"/api/invoices", Invoices),
        (r"/api/account", Account),
        (r"/api/admin", Admin),
        (r"/api/maintenance", Maintenance),
        (r"/api/payments", html(502)),
        (r"/api/statements", html(503)),
        (r"/api/bank", html(504)),
        (r"/api/boom", Boom),
        (r"/api/slow", Slow),
    ])
    server = tornado.httpserver.HTTPServer(app, max_body_size=2048, xheaders=True)
    server.listen(port, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    import logging
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(int(sys.argv[1])))
