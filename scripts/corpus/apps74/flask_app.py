"""Round 74: a Flask catalog API (Larkspur Parts) run on Werkzeug's own
development server (`Server: Werkzeug/3.1.9 Python/3.11`) behind nginx's
proxy_cache with `proxy_pass_header Server`.

Cacheable: /api/products/1 (public, max-age=300, ETag, Last-Modified),
/api/rates (public, max-age=2: stale within seconds) and the 404 for product
9 (public, max-age=120: a cacheable error). Everything else says no-store.
Unrouted paths and unhandled errors get Werkzeug's own HTML pages.
"""
import sys
import time

from flask import Flask, jsonify, request
from werkzeug.serving import run_simple

app = Flask(__name__)
LM = "Mon, 02 Jun 2025 08:00:00 GMT"


def cached(resp, age, etag):
    resp.headers["Cache-Control"] = f"public, max-age={age}"
    resp.headers["ETag"] = f'"{etag}"'
    resp.headers["Last-Modified"] = LM
    return resp


def err(status, code, message, age=None, **extra):
    body = {"error": code, "message": message}
    body.update(extra)
    resp = jsonify(body)
    resp.status_code = status
    resp.headers["Cache-Control"] = f"public, max-age={age}" if age else "no-store"
    return resp


@app.get("/api/products/<pid>")
def product(pid):
    if not pid.isdigit():
        return err(400, "bad_request", "product id must be a number")
    if pid == "1":
        return cached(jsonify({"id": 1, "sku": "LK-BRG-608", "name": "Bearing 608-2RS", "price": "3.20"}), 300, "lk-p1-v4")
    return err(404, "not_found", f"product {pid} does not exist", age=120 if pid == "9" else None)


@app.get("/api/rates")
def rates():
    return cached(jsonify({"EUR": 1, "USD": "1.0842", "as_of": "2025-06-02"}), 2, "lk-rates-v31")


@app.get("/api/orders/<oid>")
def order(oid):
    return err(404, "not_found", f"order {oid} does not exist")


@app.post("/api/orders")
def create():
    data = request.get_json(silent=True) or {}
    if not data.get("sku"):
        return err(422, "validation_failed", "sku is required", fields={"sku": "missing"})
    resp = jsonify({"id": 5012, "sku": data["sku"], "status": "pending"})
    resp.status_code = 201
    resp.headers["Cache-Control"] = "no-store"
    return resp


@app.get("/api/account")
def account():
    resp = err(401, "unauthorized", "a bearer token is required")
    resp.headers["WWW-Authenticate"] = 'Bearer realm="larkspur"'
    return resp


@app.get("/api/quota")
def quota():
    resp = err(429, "rate_limited", "too many requests for this key", retry_after=30)
    resp.headers["Retry-After"] = "30"
    return resp


@app.get("/api/maintenance")
def maintenance():
    resp = err(503, "maintenance", "the catalog is read-only during the nightly import")
    resp.headers["Retry-After"] = "600"
    return resp


@app.get("/api/boom")
def boom():
    raise RuntimeError("price list checksum mismatch")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify({"ok": True, "waited": 5})


PAGE = """<!DOCTYPE html>
<html><head><title>503 Service Unavailable - Larkspur Parts</title></head>
<body><h1>Service Unavailable</h1><p>Stock levels are being recounted. Try again later.</p></body></html>
"""


@app.get("/api/statements")
def statements():
    return PAGE, 503, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}


if __name__ == "__main__":
    run_simple("127.0.0.1", int(sys.argv[1]), app, threaded=True)
