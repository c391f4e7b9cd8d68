"""Round-19 corpus: the orders API as a Flask app, served directly (no
proxy) by gunicorn's sync workers (--timeout 2) and by waitress. The app
writes JSON errors; Werkzeug and Flask write their own pages for an unrouted
path, broken JSON, a body over MAX_CONTENT_LENGTH and an unhandled error."""
import os
import time

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024


def err(status, code, message, **headers):
    resp = jsonify(error=code, message=message)
    resp.status_code = status
    for k, v in headers.items():
        resp.headers[k.replace("_", "-")] = v
    return resp


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid == 1:
        return jsonify(id=1, sku="A-1", qty=2, status="shipped")
    return err(404, "order_not_found", f"Order {oid} does not exist")


@app.post("/api/orders")
def create_order():
    data = request.get_json()  # broken JSON: Werkzeug's 400 page
    if not isinstance(data, dict) or int(data.get("qty", 0)) <= 0:
        return err(422, "validation_failed", "qty must be greater than 0")
    return jsonify(id=2, **data), 201


@app.post("/api/upload")
def upload():
    return jsonify(size=len(request.get_data())), 201


@app.get("/api/admin/reports")
def admin():
    return err(401, "unauthorized", "missing bearer token", WWW_Authenticate='Bearer realm="orders"')


@app.get("/api/boom")
def boom():
    return {"total": [][0]}


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(status="late")


@app.get("/api/crash")
def crash():
    os._exit(1)  # as an OOM kill would end the worker


@app.get("/api/maintenance")
def maintenance():
    return err(503, "maintenance", "orders are read-only until 02:00 UTC", Retry_After="120")


@app.get("/api/limited")
def limited():
    return err(429, "rate_limited", "60 requests per minute", Retry_After="30")
