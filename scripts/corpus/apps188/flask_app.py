"""Round 178 (round 163's app, with its own HTML 502/503/504 pages added): "Brackwater" orders API in Flask 3.1 (gunicorn: `gunicorn flask_app:app`).
Every answer is the app's own: 200/304 (ETag), 201, 204, 400 (body not JSON), 401 (Bearer
challenge), 403, 404, 409 (duplicate sku), 422 (sku missing), 429 (Retry-After), an unhandled
error on /api/boom (Flask's HTML 500), a 5 s /api/slow. While $STATE_DIR/maint exists every
/api/ request gets the app's own JSON 503 with Retry-After (maintenance mode)."""
import json, os, time
from flask import Flask, jsonify, request, Response

STATE = os.environ.get("STATE_DIR", "/tmp")
app = Flask(__name__)


@app.before_request
def maintenance():
    if os.path.exists(os.path.join(STATE, "maint")):
        r = jsonify(error="maintenance", message="Brackwater is in maintenance mode (schema migration)")
        r.status_code = 503; r.headers["Retry-After"] = "300"; return r


@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid != 1:
        return jsonify(error="not_found", message=f"order {oid} not found"), 404
    if request.headers.get("If-None-Match") == '"bw-o1-v4"':
        return Response(status=304, headers={"ETag": '"bw-o1-v4"'})
    r = jsonify(id=1, status="shipped", total=42.5); r.headers["ETag"] = '"bw-o1-v4"'; return r


@app.post("/api/orders")
def create():
    try:
        body = json.loads(request.get_data() or b"")
    except ValueError:
        return jsonify(error="bad_request", message="request body is not valid JSON"), 400
    if not isinstance(body, dict) or "sku" not in body:
        return jsonify(error="validation_failed", errors=[{"field": "sku", "message": "is required"}]), 422
    if body["sku"] == "DUP-1":
        return jsonify(error="conflict", message="an order for sku DUP-1 already exists (id 1)"), 409
    r = jsonify(id=2, status="created"); r.status_code = 201; r.headers["Location"] = "/api/orders/2"; return r


@app.delete("/api/orders/<int:oid>")
def delete(oid):
    return Response(status=204)


@app.get("/api/me")
def me():
    if request.headers.get("Authorization") != "Bearer good-token":
        r = jsonify(error="unauthorized", message="missing or invalid bearer token"); r.status_code = 401
        r.headers["WWW-Authenticate"] = 'Bearer realm="brackwater", error="invalid_token"'; return r
    return jsonify(sub="u-7")


@app.get("/api/admin/users")
def admin():
    return jsonify(error="forbidden", message="role 'viewer' may not list users"), 403


@app.get("/api/quota")
def quota():
    r = jsonify(error="rate_limited", message="60 requests per minute exceeded"); r.status_code = 429
    r.headers["Retry-After"] = "42"; return r


@app.get("/api/boom")
def boom():
    raise KeyError("customer_id")


@app.get("/api/slow")
def slow():
    time.sleep(5); return jsonify(ok=True)


@app.get('/api/payments')
def html_502():
    return Response('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>Brackwater: the payments provider did not answer</p></body></html>\n', status=502, mimetype='text/html')


@app.get('/api/statements')
def html_503():
    return Response('<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Brackwater: statements are being regenerated, try again later</p></body></html>\n', status=503, mimetype='text/html')


@app.get('/api/reports')
def html_504():
    return Response('<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1><p>Brackwater: the reporting warehouse timed out</p></body></html>\n', status=504, mimetype='text/html')


@app.get('/api/catalog')
def catalog():
    if request.headers.get('If-None-Match') == '"bw-cat-v9"':
        return Response(status=304, headers={'ETag': '"bw-cat-v9"', 'Cache-Control': 'public, max-age=5'})
    r = jsonify(items=[{'sku': 'X-7', 'price': 12.5}, {'sku': 'Y-2', 'price': 3.0}])
    r.headers['ETag'] = '"bw-cat-v9"'; r.headers['Cache-Control'] = 'public, max-age=5'; return r
