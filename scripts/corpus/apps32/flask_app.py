"""Round-32 corpus: the orders API on Flask behind Squid -> nginx.

MAX_CONTENT_LENGTH 1 KiB (Werkzeug's 413), a catalog with Cache-Control for
Squid, a handler that sleeps ?s= seconds, the team's own JSON errors, and
Flask's default 500 page for an unhandled bug.
"""
import time

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024


@app.get("/api/catalog")
def catalog():
    r = jsonify(items=[{"sku": "A-1", "price": 990}], generated_at=time.time())
    r.headers["Cache-Control"] = "public, max-age=300"
    return r


@app.get("/api/orders/<oid>")
def order(oid):
    if oid != "1":
        return jsonify(error="not_found", message=f"order {oid} does not exist"), 404
    return jsonify(id=1, sku="A-1", qty=2)


@app.post("/api/orders")
def create():
    b = request.get_json(silent=True) or {}
    if not isinstance(b.get("qty"), int) or b["qty"] < 1:
        return jsonify(error="validation_failed", details=[{"field": "qty", "message": "must be a positive integer"}]), 422
    return jsonify(id=2, sku=b.get("sku"), qty=b["qty"]), 201


@app.get("/api/payments/status")
def payments():
    return jsonify(error="maintenance", message="payments are being migrated"), 503


@app.get("/api/boom")
def boom():
    raise RuntimeError("boom")


@app.get("/api/slow")
@app.get("/api/reports/<rid>")
def slow(rid=None):
    time.sleep(min(float(request.args.get("s", 5)), 12))
    return jsonify(ok=True)
