"""Round 102: the Plover orders API on Bottle 0.13, run twice: on gunicorn
(sync workers) behind HAProxy, and on waitress 3.0
(--max-request-body-size=8192) behind Squid.

Handlers answer JSON errors of their own. Bottle writes its HTML
"Error: 404 Not Found" / "Error: 405 Method Not Allowed" / "Error: 500
Internal Server Error" pages itself. The 413 is the handler's under gunicorn;
under waitress a body over 8 KB never reaches Bottle (waitress's own 413).
A request header over 8190 bytes never reaches Bottle under gunicorn
(gunicorn's own 431 page).
Run: python -m gunicorn --bind 127.0.0.1:PORT bottle_app:app
     python -m waitress --listen=127.0.0.1:PORT --max-request-body-size=8192 bottle_app:app
"""
import json
import time

import bottle
from bottle import HTTPResponse, request, response

from common import LIMIT, NOT_FOUND_9, ORDER1, ORDER1_HEADERS, page, request_id

app = bottle.Bottle()


def j(status, body, **headers):
    headers.setdefault("Content-Type", "application/json")
    return HTTPResponse(json.dumps(body) + "\n", status=status, **headers)


@app.get("/api/orders/<oid>")
def order(oid):
    if not oid.isdigit():
        return j(400, {"error": "bad_request", "message": f"order id must be a number, got '{oid}'"})
    if oid == "1":
        return j(200, ORDER1, **ORDER1_HEADERS, **{"X-Request-ID": request_id(request.get_header("X-Request-ID"))})
    if oid == "9":
        return j(404, NOT_FOUND_9, **{"Cache-Control": "public, max-age=120"})
    return j(404, {"error": "not_found", "message": f"no order {oid}"})


@app.post("/api/orders")
def orders_post():
    try:
        data = request.json
    except Exception:
        data = None
    if not isinstance(data, dict) or not data.get("ref"):
        return j(422, {"error": "validation_failed", "fields": {"ref": "required"}})
    if data["ref"] == "OR-1001":
        return j(409, {"error": "conflict", "message": "an order with ref OR-1001 already exists"})
    return j(201, {"id": 2, "ref": data["ref"], "status": "new"}, Location="/api/orders/2")


@app.post("/api/uploads")
def uploads():
    if request.content_length > LIMIT:
        return j(413, {"error": "too_large", "message": "uploads are limited to 8 KB"})
    return j(201, {"stored": len(request.body.read())})


@app.get("/api/account")
def account():
    return j(401, {"error": "unauthorized", "message": "a bearer token is required"},
             **{"WWW-Authenticate": 'Bearer realm="plover"'})


@app.get("/api/admin")
def admin():
    return j(403, {"error": "forbidden", "message": "admin scope required"})


@app.get("/api/quota")
def quota():
    return j(429, {"error": "rate_limited", "message": "too many requests for this key"}, **{"Retry-After": "30"})


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger connection lost")


@app.get("/api/payments")
def payments():
    response.status = 502
    return page(502)


@app.get("/api/statements")
def statements():
    response.status = 503
    return page(503)


@app.get("/api/tracking/<n>")
def tracking(n):
    response.status = 504
    return page(504)


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"report": "ready"}


@app.get("/api/rates")
def rates():
    response.set_header("Cache-Control", "public, max-age=1")
    return {"EUR": 1, "USD": 1.08}
