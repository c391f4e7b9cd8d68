"""Round 108 (apps71 with a few routes added): a Flask orders API (Larkspur) run on gunicorn behind nginx.

The app adds its own request id: an after_request hook puts X-Request-ID
(the caller's, or a fresh uuid4 hex) on every answer, and its JSON errors
carry it as "request_id". Unrouted paths and unhandled errors get Flask's
(Werkzeug's) own HTML pages.
"""
import time
import uuid

from flask import Flask, g, jsonify, request

app = Flask(__name__)
ORDERS = {1: {"id": 1, "ref": "LS-1001", "total": "42.50", "currency": "EUR", "status": "paid"}}
REFS = {"LS-1001"}


@app.before_request
def _rid():
    g.rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def _stamp(resp):
    resp.headers["X-Request-ID"] = g.get("rid", "")
    return resp


def err(status, code, message, **extra):
    body = {"error": code, "message": message, "request_id": g.rid}
    body.update(extra)
    return jsonify(body), status


@app.get("/api/orders/<oid>")
def order(oid):
    if not oid.isdigit():
        return err(400, "bad_request", "order id must be a number")
    o = ORDERS.get(int(oid))
    if o is None:
        return err(404, "not_found", f"order {oid} does not exist")
    return jsonify(o)


@app.post("/api/orders")
def create():
    data = request.get_json(silent=True) or {}
    ref = data.get("ref")
    if not ref:
        return err(422, "validation_failed", "ref is required", fields={"ref": "missing"})
    if ref in REFS:
        return err(409, "conflict", f"an order with ref {ref} already exists")
    return jsonify({"id": 2, "ref": ref, "status": "pending"}), 201


@app.get("/api/account")
def account():
    resp, status = err(401, "unauthorized", "a bearer token is required")
    resp.headers["WWW-Authenticate"] = 'Bearer realm="larkspur"'
    return resp, status


@app.get("/api/admin")
def admin():
    return err(403, "forbidden", "this key may not use the admin API")


@app.get("/api/quota")
def quota():
    resp, status = err(429, "rate_limited", "too many requests for this key", retry_after=30)
    resp.headers["Retry-After"] = "30"
    return resp, status


@app.get("/api/maintenance")
def maintenance():
    resp, status = err(503, "maintenance", "orders are read-only during the nightly export")
    resp.headers["Retry-After"] = "600"
    return resp, status


@app.get("/api/docs/")
def docs():  # round 108: /api/docs gets Werkzeug's own 308 to /api/docs/
    return jsonify({"docs": "/api/docs/openapi.json"})


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger total mismatch")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify({"ok": True, "waited": 5})


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason} - Larkspur</title></head>
<body><h1>{reason}</h1><p>{text}</p><p>Reference: {rid}</p></body></html>
"""


@app.get("/api/payments")
def payments():
    return PAGE.format(code=502, reason="Bad Gateway", text="The payment provider did not answer.", rid=g.rid), 502, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/statements")
def statements():
    return PAGE.format(code=503, reason="Service Unavailable", text="Statements are being rebuilt. Try again later.", rid=g.rid), 503, {"Content-Type": "text/html; charset=utf-8"}
