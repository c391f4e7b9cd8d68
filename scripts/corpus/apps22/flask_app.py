"""Round-22 corpus: the orders API on Flask under gunicorn.

Every error the app writes is JSON in one shape, {"error": CODE, "message":
TEXT, "status": N}, the same shape the fronts of this round use for their
own errors (that is the point of the round). MAX_CONTENT_LENGTH is 64 KiB, so
an upload between the front's limit and that is the app's; a 500 goes
through an errorhandler that writes the same JSON.
"""
import os
import time

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "status": "shipped"}}


def err(status, code, message, **extra):
    body = {"error": code, "message": message, "status": status}
    body.update(extra)
    return jsonify(body), status


@app.errorhandler(HTTPException)
def http_error(e):  # Werkzeug's 404/405/413 in the app's own JSON shape
    resp, status = err(e.code, e.name.lower().replace(" ", "_"), e.description)
    return resp, status


@app.errorhandler(Exception)
def unhandled(e):
    app.logger.exception("unhandled")
    return err(500, "internal_error", "An unexpected error occurred")


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/orders/<int:order_id>")
def get_order(order_id):
    if order_id not in ORDERS:
        return err(404, "not_found", "Order %d does not exist" % order_id)
    return jsonify(ORDERS[order_id])


@app.post("/api/orders")
def create_order():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or "sku" not in data:
        return err(400, "bad_request", "Request body must be a JSON object with a sku")
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        return err(422, "validation_failed", "qty must be a positive integer", fields={"qty": "must be > 0"})
    return jsonify(id=2, **data), 201


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
    resp, status = err(429, "too_many_requests", "Rate limit exceeded, retry later")
    resp.headers["Retry-After"] = "30"
    return resp, status


@app.get("/api/boom")
def boom():
    order = ORDERS.get(99)
    return jsonify(total=order["qty"] * 10)  # TypeError: a real bug


@app.get("/api/maintenance")
def maintenance():
    resp, status = err(503, "service_unavailable", "The service is temporarily unavailable")
    resp.headers["Retry-After"] = "120"
    return resp, status


@app.get("/api/legacy/export")
def gone():
    return err(410, "gone", "This endpoint has been removed")


@app.get("/api/search")
def search():
    return jsonify(results=[], q=request.args.get("q", ""))


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(status="late")


@app.post("/api/upload")
def upload():
    return jsonify(size=len(request.get_data()))


@app.get("/api/internal/metrics")
def metrics():
    return jsonify(requests=1)
