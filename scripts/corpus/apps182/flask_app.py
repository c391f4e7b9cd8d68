"""Round 173 additions (to apps162/flask_app.py): JSON 500 handler (no stack trace), /healthz
(503 while inventory-down), 308 from /api/v1/orders/<id>, 409 on refund, 422 for a POST without items.
Round 182 (apps173 copy, payments-gateway port moved to 62999; was: apps151 copy, payments-gateway port moved to 61999): "Larchmont" orders API in Flask 3.1 (gunicorn). Incidents are
switched by flag files in $STATE_DIR: deploy-v2 (a bad deploy: /api/orders/<id>
raises, /api/invoices/<id> renamed away), quota (429), keys-rotated (tokens
signed with the old key are refused). Dependencies: payments-gateway at
127.0.0.1:62999 (nobody listens), inventory-db (down when flag inventory-down)."""
import os, socket, time
from flask import Flask, jsonify, request, make_response

app = Flask(__name__)
STATE = os.environ.get("STATE_DIR", "/tmp")
flag = lambda n: os.path.exists(os.path.join(STATE, n))
@app.errorhandler(500)
def internal(e):  # round 173: the team's JSON 500, no stack trace
    return jsonify(error="internal_server_error", message="An unexpected error occurred", request_id=request.headers.get("X-Request-ID")), 500


@app.get("/healthz")
def healthz():
    if flag("inventory-down"):
        return jsonify(status="unhealthy", checks={"inventory-db": "fail", "redis": "ok"}), 503
    return jsonify(status="healthy", checks={"inventory-db": "ok", "redis": "ok"})


@app.get("/api/v1/orders/<int:oid>")
def old_order(oid):
    from flask import redirect
    return redirect(f"/api/orders/{oid}", 308)


@app.post("/api/orders/<int:oid>/refund")
def refund(oid):
    return jsonify(error="conflict", message=f"order {oid} was already refunded"), 409


ORDER = {"id": 1, "status": "shipped", "total": "42.10", "currency": "EUR"}


@app.get("/api/orders/<int:oid>")
def order(oid):
    if flag("deploy-v2"):
        raise KeyError("ORDER_SERIALIZER_V2")  # a bad deploy
    if oid != 1:
        return jsonify(error="not_found", message=f"order {oid} not found"), 404
    etag = '"lm-o1-v7"'
    if request.headers.get("If-None-Match") == etag:
        r = make_response("", 304); r.headers["ETag"] = etag; return r
    r = jsonify(ORDER); r.headers["ETag"] = etag; r.headers["Cache-Control"] = "private, max-age=0"
    return r


@app.post("/api/orders")
def create():
    b = request.get_json(silent=True) or {}
    if "items" not in b:
        return jsonify(error="validation_error", message="Invalid request body", fields={"items": ["Missing data for required field."]}), 422
    r = jsonify(id=2, status="created"); r.status_code = 201; r.headers["Location"] = "/api/orders/2"; return r


@app.delete("/api/orders/<int:oid>")
def delete(oid):
    return "", 204


@app.get("/api/invoices/<int:iid>")
def invoice(iid):
    if flag("deploy-v2"):
        return jsonify(error="not_found", message="no route"), 404
    return jsonify(id=iid, amount="42.10")


@app.get("/api/payments")
def payments():
    try:
        socket.create_connection(("127.0.0.1", 62999), timeout=1).close()
    except OSError as e:
        return jsonify(error="bad_gateway", message=f"payments-gateway unreachable: {e.strerror}", dependency="payments-gateway"), 502
    return jsonify(ok=True)


@app.get("/api/inventory")
def inventory():
    if flag("inventory-down"):
        r = make_response("<!doctype html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1>"
                          "<p>inventory-db (postgres 10.0.4.12:5432) is not accepting connections. Please retry shortly.</p></body></html>\n", 503)
        r.headers["Content-Type"] = "text/html; charset=utf-8"; r.headers["Retry-After"] = "30"; return r
    return jsonify(sku="LM-100", on_hand=12)


@app.get("/api/search")
def search():
    if flag("search-slow"):
        return jsonify(error="gateway_timeout", message="search-service did not answer within 2000 ms", dependency="search-service"), 504
    return jsonify(results=[], total=0)


@app.get("/api/me")
def me():
    auth = request.headers.get("Authorization", "")
    if auth != "Bearer key2-token" and (flag("keys-rotated") or auth != "Bearer key1-token"):
        r = jsonify(error="invalid_token", message="signature verification failed: unknown kid 'key1'")
        r.status_code = 401
        r.headers["WWW-Authenticate"] = 'Bearer realm="larchmont", error="invalid_token", error_description="The access token signature is invalid"'
        return r
    return jsonify(sub="u-381", email="ops@larchmont.test")


@app.get("/api/quota")
def quota():
    if flag("quota"):
        r = jsonify(error="rate_limited", message="API quota of 1000 requests/hour exceeded"); r.status_code = 429
        r.headers["Retry-After"] = "120"; r.headers["X-RateLimit-Remaining"] = "0"; return r
    return jsonify(remaining=412)


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(ok=True)
