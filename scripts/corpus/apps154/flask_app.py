"""Round 154: "Tollgate" orders API in Flask (served by Waitress behind Traffic Server)."""
import time
from flask import Flask, jsonify, request, make_response, redirect

app = Flask(__name__)
ETAG = '"tg-o1-v5"'


def err(status, code, message, **hdr):
    r = jsonify(error=code, message=message); r.status_code = status; r.headers.update(hdr); return r


@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid != 1:
        return err(404, "order_not_found", f"no order {oid}")
    if request.headers.get("If-None-Match") == ETAG:
        r = make_response("", 304); r.headers["ETag"] = ETAG; return r
    r = jsonify(id=1, status="shipped", total=42.5); r.headers["ETag"] = ETAG
    r.headers["Cache-Control"] = "public, max-age=60"; return r


@app.post("/api/orders")
def create():
    b = request.get_json(silent=True) or {}
    if "qty" not in b:
        return jsonify(error="validation_failed", fields={"qty": "required"}), 422
    if b.get("sku") == "DUP":
        return err(409, "duplicate_order", "an open order for sku DUP exists")
    r = jsonify(id=2, status="created"); r.status_code = 201; r.headers["Location"] = "/api/orders/2"; return r


@app.delete("/api/orders/<int:oid>")
def delete(oid):
    return "", 204


@app.get("/api/me")
def me():
    return err(401, "unauthorized", "missing bearer token", **{"WWW-Authenticate": 'Bearer realm="tollgate"'})


@app.get("/api/admin")
def admin():
    return err(403, "forbidden", "role ops required")


@app.get("/api/quota")
def quota():
    return err(429, "rate_limited", "100 requests per minute", **{"Retry-After": "60"})


@app.get("/api/inventory")
def inventory():
    return err(503, "inventory_unavailable", "inventory-db pool exhausted", **{"Retry-After": "30"})


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger is None")


@app.get("/old/orders/<int:oid>")
def old(oid):
    return redirect(f"/api/orders/{oid}", 301)


@app.get("/api/slow")
def slow():
    time.sleep(5); return jsonify(ok=True)
