"""Round-24 corpus (round 21's app, reused): the orders API on Flask 3, as a
team writes it, under uWSGI (Debian's, python3 plugin, uwsgi protocol)
behind Apache's mod_proxy_uwsgi. The team's errors are JSON; what Flask and
Werkzeug answer by themselves (an unrouted path, a wrong method, broken JSON
from request.get_json(), a body over MAX_CONTENT_LENGTH, an unhandled bug,
the 308 of strict slashes) is their stock HTML. A readiness check that fails
(/api/health/ready, the app's JSON 503).
"""
import os
import time

from flask import Flask, jsonify, redirect, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "status": "shipped"}}


def err(status, code, message, **extra):
    body = {"error": {"code": code, "message": message}}
    body.update(extra)
    return jsonify(body), status


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/health/ready")
def ready():
    return jsonify(status="unavailable", checks={"database": "down", "cache": "ok"}), 503


@app.get("/api/orders/")
def list_orders():
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        resp, status = err(401, "unauthorized", "Missing or invalid bearer token")
        resp.headers["WWW-Authenticate"] = 'Bearer realm="orders"'
        return resp, status
    return jsonify(orders=list(ORDERS.values()))


@app.get("/api/orders/<int:order_id>")
def get_order(order_id):
    if order_id not in ORDERS:
        return err(404, "order_not_found", "Order %d does not exist" % order_id)
    return jsonify(ORDERS[order_id])


@app.post("/api/orders/")
def create_order():
    data = request.get_json()  # broken JSON: Werkzeug's 400 page
    if not isinstance(data, dict) or "sku" not in data:
        return err(400, "validation_failed", "Request body is invalid", fields={"sku": "required"})
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        return err(422, "validation_failed", "qty must be a positive integer", fields={"qty": "must be > 0"})
    return jsonify(id=2, **data), 201


@app.post("/api/orders/<int:order_id>/cancel")
def cancel(order_id):
    return err(409, "conflict", "Order %d has already shipped and cannot be cancelled" % order_id)


@app.get("/api/orders/<int:order_id>/invoice")
def invoice(order_id):  # invoices moved to the billing service (a dead upstream behind Caddy)
    return redirect("/billing/invoices/%d" % order_id, code=302)


@app.get("/api/admin/reports")
def admin():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        resp, status = err(401, "unauthorized", "Missing or invalid bearer token")
        resp.headers["WWW-Authenticate"] = 'Bearer realm="orders"'
        return resp, status
    return err(403, "forbidden", "Token lacks the admin scope")


@app.get("/api/limited")
def limited():
    resp, status = err(429, "rate_limited", "Too many requests: 100 per hour")
    resp.headers["Retry-After"] = "1800"
    return resp, status


@app.get("/api/boom")
def boom():
    rows = []
    return jsonify(first=rows[0])  # IndexError: Flask's 500 page


@app.get("/api/maintenance")
def maintenance():
    resp, status = err(503, "maintenance", "Orders is in maintenance until 14:00 UTC")
    resp.headers["Retry-After"] = "3600"
    return resp, status


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(status="late")


@app.get("/api/export")
def export():
    os._exit(1)  # the worker dies mid-request (as an OOM kill would)


@app.post("/api/upload")
def upload():
    return jsonify(size=len(request.get_data())), 201
