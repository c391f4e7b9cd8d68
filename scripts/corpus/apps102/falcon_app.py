"""Round 102: the Pintail orders API on Falcon 4.4 (WSGI), served by
gunicorn (sync workers, `Server: gunicorn`), behind Caddy (TLS + HTTP/2).

Falcon's errors are JSON by default: raised HTTPError subclasses
({"title": ..., "description": ...}), its own 404 for an unrouted path and
405 for a method a resource does not have, and its default handler's 500
for an uncaught error. The 413 is raised by the resource (Caddy sets no
body limit).
Run: python -m gunicorn --bind 127.0.0.1:PORT falcon_app:app
"""
import time

import falcon

from common import LIMIT, NOT_FOUND_9, ORDER1, ORDER1_HEADERS, page, request_id

TOO_LARGE = getattr(falcon, "HTTPContentTooLarge", None) or falcon.HTTPPayloadTooLarge


class Order:
    def on_get(self, req, resp, oid):
        if not oid.isdigit():
            raise falcon.HTTPBadRequest(title="Invalid order id", description=f"order id must be a number, got '{oid}'")
        if oid == "1":
            resp.media = ORDER1
            resp.set_headers(ORDER1_HEADERS)
            resp.set_header("X-Request-ID", request_id(req.get_header("X-Request-ID")))
            return
        if oid == "9":
            resp.status = falcon.HTTP_404
            resp.media = NOT_FOUND_9
            resp.cache_control = ["public", "max-age=120"]
            return
        raise falcon.HTTPNotFound(description=f"no order {oid}")


class Orders:
    def on_post(self, req, resp):
        data = req.get_media()  # not JSON: Falcon's own 400
        if not isinstance(data, dict) or not data.get("ref"):
            raise falcon.HTTPUnprocessableEntity(title="Validation failed", description="field 'ref' is required")
        if data["ref"] == "OR-1001":
            raise falcon.HTTPConflict(title="Duplicate ref", description="an order with ref OR-1001 already exists")
        resp.status = falcon.HTTP_201
        resp.location = "/api/orders/2"
        resp.media = {"id": 2, "ref": data["ref"], "status": "new"}


class Uploads:
    def on_post(self, req, resp):
        if (req.content_length or 0) > LIMIT:
            raise TOO_LARGE(title="Body too large", description="uploads are limited to 8 KB")
        resp.status = falcon.HTTP_201
        resp.media = {"stored": len(req.bounded_stream.read())}


class Account:
    def on_get(self, req, resp):
        raise falcon.HTTPUnauthorized(title="Unauthorized", description="a bearer token is required",
                                      challenges=['Bearer realm="pintail"'])


class Admin:
    def on_get(self, req, resp):
        raise falcon.HTTPForbidden(title="Forbidden", description="admin scope required")


class Quota:
    def on_get(self, req, resp):
        raise falcon.HTTPTooManyRequests(title="Rate limited", description="too many requests for this key", retry_after=30)


class Boom:
    def on_get(self, req, resp):
        raise RuntimeError("ledger connection lost")


class Html:
    def __init__(self, code):
        self.code = code

    def on_get(self, req, resp, **kw):
        resp.status = self.code
        resp.content_type = falcon.MEDIA_HTML
        resp.text = page(self.code)


class Slow:
    def on_get(self, req, resp):
        time.sleep(5)
        resp.media = {"report": "ready"}


class Rates:
    def on_get(self, req, resp):
        resp.media = {"EUR": 1, "USD": 1.08}
        resp.cache_control = ["public", "max-age=1"]


app = falcon.App()
app.add_route("/api/orders/{oid}", Order())
app.add_route("/api/orders", Orders())
app.add_route("/api/uploads", Uploads())
app.add_route("/api/account", Account())
app.add_route("/api/admin", Admin())
app.add_route("/api/quota", Quota())
app.add_route("/api/boom", Boom())
app.add_route("/api/payments", Html(502))
app.add_route("/api/statements", Html(503))
app.add_route("/api/tracking/{n}", Html(504))
app.add_route("/api/slow", Slow())
app.add_route("/api/rates", Rates())
