"""Round 157: round 102's Heron orders API (apps102/quart_app.py) written
against Flask 3.1 (WSGI), for uWSGI 2.0 behind HAProxy.

Handlers answer JSON errors of their own (400, 401 with WWW-Authenticate,
403, 404, 409, 422, 429 with Retry-After) and their own HTML 502/503/504
pages (/api/payments, /api/statements, /api/tracking/<n>). Flask (Werkzeug's
exceptions) writes the HTML pages for an unrouted path (404), a method the
route does not take (405), a body over MAX_CONTENT_LENGTH = 8 KB (413) and an
uncaught error (500). /api/slow sleeps 5 s.
Run: uwsgi --http-socket 127.0.0.1:PORT --pythonpath apps157 --pythonpath apps102 --module flask_heron:app
"""
import time

from flask import Flask, request

from common import LIMIT, NOT_FOUND_9, ORDER1, ORDER1_HEADERS, page, request_id

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = LIMIT


@app.get("/api/orders/<oid>")
def order(oid):
    if not oid.isdigit():
        return {"error": "bad_request", "message": f"order id must be a number, got '{oid}'"}, 400
    if oid == "1":
        return ORDER1, 200, {**ORDER1_HEADERS, "X-Request-ID": request_id(request.headers.get("X-Request-ID"))}
    if oid == "9":
        return NOT_FOUND_9, 404, {"Cache-Control": "public, max-age=120"}
    return {"error": "not_found", "message": f"no order {oid}"}, 404


@app.post("/api/orders")
def orders_post():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not data.get("ref"):
        return {"error": "validation_failed", "fields": {"ref": "required"}}, 422
    if data["ref"] == "OR-1001":
        return {"error": "conflict", "message": "an order with ref OR-1001 already exists"}, 409
    return {"id": 2, "ref": data["ref"], "status": "new"}, 201, {"Location": "/api/orders/2"}


@app.post("/api/uploads")
def uploads():
    body = request.get_data()  # over 8 KB: Flask's own 413
    return {"stored": len(body)}, 201


@app.get("/api/account")
def account():
    return {"error": "unauthorized", "message": "a bearer token is required"}, 401, \
        {"WWW-Authenticate": 'Bearer realm="heron"'}


@app.get("/api/admin")
def admin():
    return {"error": "forbidden", "message": "admin scope required"}, 403


@app.get("/api/quota")
def quota():
    return {"error": "rate_limited", "message": "too many requests for this key"}, 429, {"Retry-After": "30"}


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger connection lost")


@app.get("/api/payments")
def payments():
    return page(502), 502, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/statements")
def statements():
    return page(503), 503, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/tracking/<n>")
def tracking(n):
    return page(504), 504, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"report": "ready"}


@app.get("/api/rates")
def rates():
    return {"EUR": 1, "USD": 1.08}, 200, {"Cache-Control": "public, max-age=1"}
