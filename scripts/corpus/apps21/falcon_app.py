"""Round-21 corpus: the orders API on Falcon 3 (Debian's python3-falcon), as a
team writes it, run by uWSGI (the python3 plugin) behind nginx's uwsgi_pass:
  uwsgi --plugin python3 --socket 127.0.0.1:PORT --wsgi-file falcon_app.py
The team's errors are JSON bodies it builds itself or Falcon's HTTPError
subclasses with a title and description; what Falcon answers by itself (no
route, a wrong method, a body that is not JSON, an unhandled bug) is Falcon's
stock answer. /api/export is killed by uWSGI's harakiri (3 s).
"""
import json
import time

import falcon

ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "status": "shipped"}}


def problem(resp, status, code, message, **headers):
    resp.status = status
    resp.content_type = falcon.MEDIA_JSON
    resp.text = json.dumps({"error": {"code": code, "message": message}})
    for k, v in headers.items():
        resp.set_header(k.replace("_", "-"), v)


class Health:
    def on_get(self, req, resp):
        resp.media = {"status": "ok"}


class Orders:
    def on_get(self, req, resp):
        resp.media = {"orders": list(ORDERS.values())}

    def on_post(self, req, resp):
        body = req.get_media()  # broken JSON: Falcon's own 400
        if not isinstance(body, dict) or int(body.get("qty", 0)) < 1:
            raise falcon.HTTPUnprocessableEntity(
                title="Validation failed", description="qty must be greater than 0")
        resp.status = falcon.HTTP_201
        resp.media = {"id": 2, **body}


class Order:
    def on_get(self, req, resp, order_id):
        if order_id not in ORDERS:
            problem(resp, falcon.HTTP_404, "order_not_found", "Order %d does not exist" % order_id)
            return
        resp.media = ORDERS[order_id]


class Cancel:
    def on_post(self, req, resp, order_id):
        raise falcon.HTTPConflict(title="Order already shipped",
                                  description="Order %d cannot be cancelled" % order_id)


class Admin:
    def on_get(self, req, resp):
        if not req.get_header("Authorization"):
            raise falcon.HTTPUnauthorized(title="Authentication required",
                                          description="Send a bearer token",
                                          challenges=['Bearer realm="orders"'])
        raise falcon.HTTPForbidden(title="Forbidden", description="Admins only")


class Limited:
    def on_get(self, req, resp):
        problem(resp, falcon.HTTP_429, "rate_limited", "Too many requests", Retry_After="20")


class Boom:
    def on_get(self, req, resp):
        return ORDERS[1]["customer"]["email"]  # KeyError: Falcon's stock 500


class Maintenance:
    def on_get(self, req, resp):
        raise falcon.HTTPServiceUnavailable(title="Maintenance",
                                            description="Orders are read-only until 14:00 UTC",
                                            retry_after=600)


class Slow:
    def on_get(self, req, resp):
        time.sleep(5)
        resp.media = {"status": "late"}


class Export:
    def on_get(self, req, resp):
        time.sleep(10)  # uWSGI's harakiri kills the worker first
        resp.media = {"status": "done"}


application = falcon.App()
application.add_route("/api/health", Health())
application.add_route("/api/orders", Orders())
application.add_route("/api/orders/{order_id:int}", Order())
application.add_route("/api/orders/{order_id:int}/cancel", Cancel())
application.add_route("/api/admin/reports", Admin())
application.add_route("/api/limited", Limited())
application.add_route("/api/boom", Boom())
application.add_route("/api/maintenance", Maintenance())
application.add_route("/api/slow", Slow())
application.add_route("/api/export", Export())
