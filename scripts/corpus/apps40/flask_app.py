"""Round-40 corpus: a small invoices API on Flask under waitress, behind
Apache (mod_ssl, mod_http2, mod_cache with socache) terminating TLS; the
exchange-rate list is public for 60 s with an ETag, so Apache may keep it. JSON errors the views write, Flask's stock HTML
404/405/500 pages, Werkzeug's 413 (MAX_CONTENT_LENGTH 1 KiB), a slow view.
"""
import time

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
INVOICES = {1: {"id": 1, "amount": 1200, "currency": "EUR", "state": "paid"}}


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/invoices/<int:inv>")
def get_invoice(inv):
    if inv not in INVOICES:
        return jsonify(error="invoice_not_found", message="Invoice %d does not exist" % inv), 404
    return jsonify(INVOICES[inv])


@app.post("/api/invoices")
def create_invoice():
    data = request.get_json(silent=True) or {}
    if not isinstance(data.get("amount"), int):
        return jsonify(error="validation_failed", fields={"amount": "required integer"}), 422
    return jsonify(id=2, **data), 201


@app.get("/api/admin/invoices")
def admin():
    if request.headers.get("Authorization") != "Bearer admin-token":
        return jsonify(error="unauthorized", message="missing or invalid token"), 401, \
            {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    return jsonify([])


@app.get("/api/reports")
def reports():
    return jsonify(error="forbidden", message="role 'viewer' cannot read reports"), 403


@app.get("/api/export")
def export():
    return jsonify(error="rate_limited", message="10 exports per hour"), 429, {"Retry-After": "3600"}


@app.get("/api/maintenance")
def maintenance():
    return jsonify(error="maintenance", message="back at 02:00 UTC"), 503, {"Retry-After": "600"}


@app.get("/api/boom")
def boom():
    return jsonify(total=INVOICES.get(99)["amount"])  # a real bug: TypeError


@app.get("/api/rates")
def rates():
    resp = jsonify(base="EUR", rates={"USD": 1.08, "GBP": 0.86})
    resp.headers["Cache-Control"] = "public, max-age=60"
    resp.headers["Last-Modified"] = "Thu, 03 Dec 2026 08:00:00 GMT"
    resp.set_etag("rates-2026-12-03")
    return resp


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(done=True)
