"""Round-54 corpus: the Parcelworks orders API (routes as in muffin_app.py)
as a plain WSGI callable, served by Paste's threaded httpserver. Paste's
httpexceptions middleware writes the 404 for an unknown URL and the 405;
the unhandled exception on /api/boom reaches the server, which writes its
own short 500. Usage: python paste_app.py PORT"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paste import httpexceptions, httpserver  # noqa: E402
from upstream_pages import page  # noqa: E402

ORDERS = {1: {"id": 1, "ref": "PW-1001", "status": "packed", "items": 3}}
SIMPLE = {
    "/api/account": (401, "unauthorized", "a bearer token is required", [("WWW-Authenticate", 'Bearer realm="parcelworks"')]),
    "/api/admin": (403, "forbidden", "your role may not open the admin area", []),
    "/api/quota": (429, "rate_limited", "60 requests per minute per key", [("Retry-After", "30")]),
    "/api/maintenance": (503, "maintenance", "orders are read-only during the migration", [("Retry-After", "120")]),
}
REASONS = {200: "OK", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
           422: "Unprocessable Entity", 429: "Too Many Requests", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout"}


def reply(start_response, status, body, ctype, extra=()):
    data = body.encode("utf-8")
    start_response("%d %s" % (status, REASONS[status]),
                   [("Content-Type", ctype), ("Content-Length", str(len(data)))] + list(extra))
    return [data]


def jreply(start_response, status, obj, extra=()):
    return reply(start_response, status, json.dumps(obj), "application/json", extra)


def orders_app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    method = environ["REQUEST_METHOD"]
    if path.startswith("/api/orders/") and path[12:].isdigit():
        if method not in ("GET", "HEAD"):
            raise httpexceptions.HTTPMethodNotAllowed(headers=[("Allow", "GET")])
        oid = int(path[12:])
        if oid in ORDERS:
            return jreply(start_response, 200, ORDERS[oid])
        return jreply(start_response, 404, {"error": "order_not_found", "message": "no order %d" % oid})
    if path == "/api/orders" and method == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            data = json.loads(environ["wsgi.input"].read(size) or b"null")
        except ValueError:
            data = None
        if not isinstance(data, dict) or "ref" not in data:
            return jreply(start_response, 422, {"error": "validation_failed", "message": "field 'ref' is required"})
        return jreply(start_response, 409, {"error": "duplicate_ref", "message": "an order with ref %s already exists" % data["ref"]})
    if path in SIMPLE:
        status, code, message, extra = SIMPLE[path]
        return jreply(start_response, status, {"error": code, "message": message}, extra)
    if path in ("/api/payments", "/api/tracking", "/api/carrier"):
        status = {"/api/payments": 502, "/api/tracking": 503, "/api/carrier": 504}[path]
        return reply(start_response, status, page(status), "text/html; charset=utf-8")
    if path == "/api/boom":
        return jreply(start_response, 200, {"total": 1 / 0})
    if path == "/api/slow":
        time.sleep(5)
        return jreply(start_response, 200, {"slow": True})
    if path == "/healthz":
        return reply(start_response, 200, "ok", "text/plain")
    raise httpexceptions.HTTPNotFound()


app = httpexceptions.make_middleware(orders_app)

if __name__ == "__main__":
    httpserver.serve(app, host="127.0.0.1", port=int(sys.argv[1]), use_threadpool=True, threadpool_workers=8)
