"""Round 112: a small Flask API (Birchmoor invoices) for Varnish, served by waitress.
/api/invoices/1 public max-age=300 with ETag + Last-Modified; invoice 9's JSON
404 public max-age=120; /api/rates public max-age=2; the rest no-store. JSON
error handlers for 404 and 500."""
import time
from flask import Flask, jsonify

LM = "Mon, 02 Jun 2025 08:00:00 GMT"
app = Flask(__name__)


def fail(status, code, message, age=0, extra=None):
    r = jsonify(error={"status": status, "code": code, "message": message})
    r.status_code = status
    r.headers["Cache-Control"] = f"public, max-age={age}" if age else "no-store"
    for k, v in (extra or {}).items():
        r.headers[k] = v
    return r


@app.errorhandler(404)
def not_found(e):
    return fail(404, "NOT_FOUND", "no such route")


@app.errorhandler(500)
def internal(e):
    return fail(500, "INTERNAL", "unexpected error")


@app.get("/api/invoices/<iid>")
def invoice(iid):
    if not iid.isdigit():
        return fail(400, "BAD_REQUEST", "invoice id must be a number")
    if iid == "1":
        r = jsonify(id=1, customer="Hollis & Sons", total="310.00")
        r.headers.update({"Cache-Control": "public, max-age=300", "ETag": '"bm-i1-v4"', "Last-Modified": LM})
        return r
    return fail(404, "NOT_FOUND", f"invoice {iid} not found", 120 if iid == "9" else 0)


@app.get("/api/rates")
def rates():
    r = jsonify(currency="GBP", vat="0.20")
    r.headers.update({"Cache-Control": "public, max-age=2", "ETag": '"bm-rates-v7"', "Last-Modified": LM})
    return r


@app.get("/api/me")
def me():
    return fail(401, "UNAUTHORIZED", "missing or invalid bearer token", extra={"WWW-Authenticate": 'Bearer realm="birchmoor"'})


@app.get("/api/boom")
def boom():
    return {}["ledger"]  # KeyError: the 500 handler's JSON


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"ok": True, "waited": 5}


@app.get("/healthz")
def healthz():
    r = jsonify(ok=True)
    r.headers["Cache-Control"] = "no-store"
    return r
