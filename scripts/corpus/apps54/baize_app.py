"""Round-54 corpus: the Parcelworks orders API (the routes are listed in
muffin_app.py) on baize's WSGI toolkit. baize has no error handler of its
own: the unhandled exception on /api/boom reaches the WSGI server, which
writes the 500 itself. Run it with eventlet_serve.py (eventlet.wsgi)."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from baize.wsgi import HTMLResponse, JSONResponse, PlainTextResponse, Request, Router, request_response  # noqa: E402
from upstream_pages import page  # noqa: E402

ORDERS = {1: {"id": 1, "ref": "PW-1001", "status": "packed", "items": 3}}


def err(status, code, message, **headers):
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


@request_response
def order(request: Request):
    oid = request.path_params["oid"]
    if request.method == "GET":
        if oid in ORDERS:
            return JSONResponse(ORDERS[oid])
        return err(404, "order_not_found", "no order %d" % oid)
    return PlainTextResponse("Method Not Allowed", status_code=405, headers={"Allow": "GET"})


@request_response
def orders(request: Request):
    if request.method != "POST":
        return PlainTextResponse("Method Not Allowed", status_code=405, headers={"Allow": "POST"})
    try:
        data = json.loads(request.body or b"null")
    except ValueError:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    return err(409, "duplicate_ref", "an order with ref %s already exists" % data["ref"])


@request_response
def account(request):
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="parcelworks"'})


@request_response
def admin(request):
    return err(403, "forbidden", "your role may not open the admin area")


@request_response
def quota(request):
    return err(429, "rate_limited", "60 requests per minute per key", **{"Retry-After": "30"})


@request_response
def maintenance(request):
    return err(503, "maintenance", "orders are read-only during the migration", **{"Retry-After": "120"})


def html(status):
    @request_response
    def view(request):
        return HTMLResponse(page(status), status_code=status)
    return view


@request_response
def boom(request):
    return JSONResponse({"total": 1 / 0})


@request_response
def slow(request):
    time.sleep(5)
    return JSONResponse({"slow": True})


@request_response
def healthz(request):
    return PlainTextResponse("ok")


app = Router(
    ("/api/orders/{oid:int}", order),
    ("/api/orders", orders),
    ("/api/account", account),
    ("/api/admin", admin),
    ("/api/quota", quota),
    ("/api/maintenance", maintenance),
    ("/api/payments", html(502)),
    ("/api/tracking", html(503)),
    ("/api/carrier", html(504)),
    ("/api/boom", boom),
    ("/api/slow", slow),
    ("/healthz", healthz),
)
