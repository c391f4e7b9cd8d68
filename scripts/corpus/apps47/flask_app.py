"""Round-47 corpus (round 13's app): the orders API on Flask under gunicorn,
behind the Express + http-proxy-middleware gateway, the Sanic gateway and
Apache alone.

Run under uWSGI (`uwsgi --module flask_app:app`) or gunicorn; MAX_CONTENT_LENGTH
is 1 KiB, so an upload over it is Werkzeug's own 413.
"""
import os
import time
import urllib.error
import urllib.request

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "status": "shipped"}}


def err(status, code, message, **extra):
    body = {"error": code, "message": message}
    body.update(extra)
    return jsonify(body), status


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/orders/<int:order_id>")
def get_order(order_id):
    if order_id not in ORDERS:
        return err(404, "order_not_found", "Order %d does not exist" % order_id)
    return jsonify(ORDERS[order_id])


@app.post("/api/orders")
def create_order():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or "sku" not in data:
        return err(400, "validation_failed", "Request body is invalid", fields={"sku": "required"})
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        return err(422, "validation_failed", "qty must be a positive integer", fields={"qty": "must be > 0"})
    return jsonify(id=2, **data), 201


@app.post("/api/orders/<int:order_id>/cancel")
def cancel(order_id):
    return err(409, "conflict", "Order %d has already shipped and cannot be cancelled" % order_id)


@app.get("/api/admin/reports")
def admin():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        resp, status = err(401, "unauthorized", "Missing bearer token")
        resp.headers["WWW-Authenticate"] = 'Bearer realm="orders"'
        return resp, status
    if auth != "Bearer admin-token":
        return err(403, "forbidden", "Token lacks the admin scope")
    return jsonify(reports=[])


@app.get("/api/limited")
def limited():
    resp, status = err(429, "rate_limited", "Too many requests, slow down")
    resp.headers["Retry-After"] = "30"
    return resp, status


@app.get("/api/boom")
def boom():
    order = ORDERS.get(99)
    return jsonify(total=order["qty"] * 10)  # TypeError: a real bug


@app.get("/api/maintenance")
def maintenance():
    resp, status = err(503, "maintenance", "Orders are read-only during the nightly migration")
    resp.headers["Retry-After"] = "120"
    return resp, status


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(status="late")


@app.get("/api/catalog")
def catalog():
    resp = jsonify(items=[{"sku": "A-1", "price": 1200}])
    resp.headers["Cache-Control"] = "public, max-age=60"
    resp.add_etag()
    return resp.make_conditional(request)


@app.get("/api/report")
def report():  # an app error a cache passes on
    return err(500, "report_failed", "Report generation failed")


@app.post("/api/upload")
def upload():
    return jsonify(size=len(request.get_data()))


@app.get("/api/inventory")
def inventory():  # the app's own dependency (a stock service) is too slow
    try:
        urllib.request.urlopen(os.environ.get("DEP_URL", "http://127.0.0.1:58311/api/slow"), timeout=1)
    except (OSError, urllib.error.URLError):
        return err(504, "upstream_timeout", "stock service did not answer within 1s")
    return jsonify(items=[])
