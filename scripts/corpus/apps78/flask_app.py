"""Round 78 (copied from round 76, from round 73): a Flask orders API (Tamarind) run on gunicorn behind nginx.

The app adds its own request id: an after_request hook puts X-Request-ID
(the caller's, or a fresh uuid4 hex) on every answer, and its JSON errors
carry it as "request_id". Unrouted paths and unhandled errors get Flask's
(Werkzeug's) own HTML pages, and so does a body over MAX_CONTENT_LENGTH
(64 KB) on /api/uploads: Werkzeug's HTML 413. Round 76 (copied from round 73) adds the paths that
nginx guards by its own rules (/api/reports/, /api/exports/,
/api/downloads/, /api/internal/, /ops/, /api/billing/, /api/ledger/); the
app answers each with a plain 200 when a request gets through.

Round 78 runs it as a pool of replicas behind one front. Each process
reads REPLICA (its name) and FLAG_DIR (a folder the capture script writes
flags into): with FLAG_DIR/slow every request but /healthz waits 5 s first;
with FLAG_DIR/draining every /api/ request gets the app's JSON 503 with
Retry-After (the instance is shutting down; its /healthz still answers 200,
the readiness check is not wired to the drain). /healthz answers 200 with
the replica's name (Cache-Control: no-store).
Flask adds X-Served-By: REPLICA to every answer.
"""
import os
import time
import uuid

from flask import Flask, g, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
ORDERS = {1: {"id": 1, "ref": "TM-1001", "total": "42.50", "currency": "EUR", "status": "paid"}}
REFS = {"TM-1001"}


@app.before_request
def _rid():
    g.rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def _stamp(resp):
    resp.headers["X-Request-ID"] = g.get("rid", "")
    return resp


def err(status, code, message, **extra):
    body = {"error": code, "message": message, "request_id": g.rid}
    body.update(extra)
    return jsonify(body), status


@app.get("/api/orders/<oid>")
def order(oid):
    if not oid.isdigit():
        return err(400, "bad_request", "order id must be a number")
    o = ORDERS.get(int(oid))
    if o is None:
        return err(404, "not_found", f"order {oid} does not exist")
    return jsonify(o)


@app.post("/api/orders")
def create():
    data = request.get_json(silent=True) or {}
    ref = data.get("ref")
    if not ref:
        return err(422, "validation_failed", "ref is required", fields={"ref": "missing"})
    if ref in REFS:
        return err(409, "conflict", f"an order with ref {ref} already exists")
    return jsonify({"id": 2, "ref": ref, "status": "pending"}), 201


@app.get("/api/account")
def account():
    resp, status = err(401, "unauthorized", "a bearer token is required")
    resp.headers["WWW-Authenticate"] = 'Bearer realm="tamarind"'
    return resp, status


@app.get("/api/admin")
def admin():
    return err(403, "forbidden", "this key may not use the admin API")


@app.get("/api/quota")
def quota():
    resp, status = err(429, "rate_limited", "too many requests for this key", retry_after=30)
    resp.headers["Retry-After"] = "30"
    return resp, status


@app.get("/api/maintenance")
def maintenance():
    resp, status = err(503, "maintenance", "orders are read-only during the nightly export")
    resp.headers["Retry-After"] = "600"
    return resp, status


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger total mismatch")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify({"ok": True, "waited": 5})


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason} - Tamarind</title></head>
<body><h1>{reason}</h1><p>{text}</p><p>Reference: {rid}</p></body></html>
"""


@app.get("/api/payments")
def payments():
    return PAGE.format(code=502, reason="Bad Gateway", text="The payment provider did not answer.", rid=g.rid), 502, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/statements")
def statements():
    return PAGE.format(code=503, reason="Service Unavailable", text="Statements are being rebuilt. Try again later.", rid=g.rid), 503, {"Content-Type": "text/html; charset=utf-8"}


@app.post("/api/uploads")
def upload():
    data = request.get_data()  # over 64 KB: Werkzeug raises RequestEntityTooLarge (its HTML 413)
    return jsonify({"stored": len(data)}), 201


@app.get("/api/reports/<rid>")
def report(rid):
    return jsonify({"report": rid, "rows": 12})


@app.get("/api/exports/<eid>")
def export(eid):
    return jsonify({"export": eid, "state": "ready"})


@app.get("/api/downloads/<name>")
def download(name):
    time.sleep(2)
    return jsonify({"download": name, "bytes": 2048})


@app.get("/api/internal/<name>")
def internal(name):
    return jsonify({"internal": name, "ok": True})


@app.get("/ops/<name>")
def ops(name):
    return jsonify({"ops": name, "ok": True})


@app.get("/api/billing/<name>")
@app.get("/api/ledger/<name>")
def billing(name):
    return jsonify({"item": name, "ok": True})


# ---- round 78: one replica of a pool
REPLICA = os.environ.get("REPLICA", "tamarind-web-1")
FLAG_DIR = os.environ.get("FLAG_DIR", "")


def _flag(name):
    return bool(FLAG_DIR) and os.path.exists(os.path.join(FLAG_DIR, name))


@app.before_request
def _pool():
    if request.path == "/healthz":
        return None
    if _flag("slow"):
        time.sleep(5)
    if _flag("draining") and request.path.startswith("/api/"):
        resp, status = err(503, "draining", "this instance is shutting down, retry the request", retry_after=30)
        resp.headers["Retry-After"] = "30"
        return resp, status
    return None


@app.after_request
def _served_by(resp):
    resp.headers["X-Served-By"] = REPLICA
    return resp


@app.get("/healthz")
def healthz():
    resp = jsonify(status="ok", replica=REPLICA)
    resp.headers["Cache-Control"] = "no-store"
    return resp
