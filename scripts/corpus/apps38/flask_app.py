"""Round 38: a small orders API in Flask, served by Granian (WSGI) behind mongrel2.

Its own errors: a JSON 404 for an unknown order, 422 validation, a Bearer
401, an empty-bodied 409, Flask's 500 page for an unhandled bug, a 503 during
maintenance, a 504 it returns itself when its stock service is slow, and a
handler that sleeps 5 s.
"""
import time

from flask import Flask, Response, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024


@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid == 1:
        return jsonify(id=1, sku="A-1", qty=2, status="paid")
    return jsonify(error="order_not_found", message="no order %d" % oid), 404


@app.post("/api/orders")
def create():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="bad_request", message="body must be a JSON object"), 400
    qty = body.get("qty")
    if not isinstance(qty, int) or qty < 1:
        return jsonify(error="validation_failed", fields={"qty": "must be an integer >= 1"}), 422
    r = jsonify(id=42, sku=body.get("sku"), qty=qty)
    r.status_code = 201
    r.headers["Location"] = "/api/orders/42"
    return r


@app.post("/api/orders/<int:oid>/cancel")
def cancel(oid):
    return "", 409  # already shipped: an empty-bodied conflict


@app.get("/api/account")
def account():
    if request.headers.get("Authorization") != "Bearer good-token":
        r = jsonify(error="unauthorized", message="missing or invalid bearer token")
        r.status_code = 401
        r.headers["WWW-Authenticate"] = 'Bearer realm="orders", error="invalid_token"'
        return r
    return jsonify(user="ana", plan="team")


@app.get("/api/boom")
def boom():
    raise KeyError("warehouse_id")


@app.get("/api/maintenance")
def maintenance():
    r = jsonify(error="maintenance", message="orders are read-only until 04:00 UTC")
    r.status_code = 503
    r.headers["Retry-After"] = "900"
    return r


@app.get("/api/stock")
def stock():
    time.sleep(1)
    return jsonify(error="upstream_timeout", message="stock service did not answer within 1s"), 504


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(ok=True)
