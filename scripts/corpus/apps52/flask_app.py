# Orders API in Flask (round 52): JSON errors written by the app.
import time
from flask import Flask, jsonify, request

app = Flask(__name__)
ORDERS = {42: {"id": 42, "sku": "A-1", "qty": 2, "status": "paid"}}


def err(status, code, message, **headers):
    resp = jsonify(error=code, message=message, status=status)
    resp.status_code = status
    for k, v in headers.items():
        resp.headers[k.replace("_", "-")] = v
    return resp


@app.get("/api/orders/<int:oid>")
def get_order(oid):
    if oid not in ORDERS:
        return err(404, "not_found", f"order {oid} not found")
    return jsonify(ORDERS[oid])


@app.get("/api/admin/reports")
def reports():
    auth = request.headers.get("Authorization", "")
    if not auth:
        return err(401, "unauthorized", "authentication required", WWW_Authenticate='Bearer realm="orders"')
    if "admin" not in auth:
        return err(403, "forbidden", "admin role required")
    return jsonify(reports=[], user=request.headers.get("X-Auth-User"))


@app.get("/api/limited")
def limited():
    return err(429, "too_many_requests", "rate limit exceeded, retry later", Retry_After="30")


@app.get("/api/maintenance")
def maintenance():
    return err(503, "service_unavailable", "scheduled maintenance", Retry_After="120")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(ok=True)
