"""Round-30 corpus: the orders API on Flask 3.1 with Flask-Limiter 4.1
(in-memory storage, headers on: X-RateLimit-*, Retry-After). Its own input
checks answer 400/422, Werkzeug answers 413 over MAX_CONTENT_LENGTH."""
from flask import Flask, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
limiter = Limiter(get_remote_address, app=app, storage_uri="memory://",
                  headers_enabled=True, default_limits=["200 per minute"])

ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "note": ""}}


@app.get("/api/health")
@limiter.exempt
def health():
    return jsonify(status="ok")


@app.get("/api/orders")
def list_orders():
    return jsonify(orders=list(ORDERS.values()))


@app.get("/api/orders/<int:oid>")
def get_order(oid):
    if oid not in ORDERS:
        return jsonify(error="not_found", message="order %d does not exist" % oid), 404
    return jsonify(ORDERS[oid])


@app.post("/api/orders")
def create_order():
    body = request.get_json(silent=True)
    if body is None:
        return jsonify(error="bad_request", message="body must be JSON"), 400
    qty = body.get("qty")
    if not isinstance(qty, int) or qty < 1:
        return jsonify(error="validation_failed", fields={"qty": "must be a positive integer"}), 422
    oid = max(ORDERS) + 1
    ORDERS[oid] = {"id": oid, "sku": body.get("sku"), "qty": qty, "note": body.get("note", "")}
    return jsonify(ORDERS[oid]), 201


@app.post("/api/comments")
def comment():
    body = request.get_json(silent=True) or {}
    return jsonify(ok=True, length=len(str(body.get("text", "")))), 201


@app.get("/api/search")
@limiter.limit("3 per minute")
def search():
    q = request.args.get("q", "")
    if len(q) > 200:
        return jsonify(error="query_too_long", max=200), 400
    return jsonify(q=q, results=[])


@app.post("/api/login")
@limiter.limit("2 per minute")
def login():
    return jsonify(error="invalid_credentials"), 401


@app.errorhandler(429)
def too_many(e):
    return jsonify(error="rate_limited", message="slow down: %s" % e.description), 429


@app.get("/api/boom")
def boom():
    raise RuntimeError("boom")


@app.post("/api/upload")
def upload():
    return jsonify(size=len(request.get_data())), 201
