"""Round-58 corpus (copied from round 55, two routes added): the Ledgerly invoices API on Flask, served by
waitress (see fastapi_app.py for the routes). No request id is set."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flask import Flask, jsonify, request  # noqa: E402
from upstream_pages import page  # noqa: E402

app = Flask("ledgerly")
INVOICES = {1: {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}}


def err(status, code, message, **headers):
    resp = jsonify(error=code, message=message)
    resp.status_code = status
    resp.headers.update(headers)
    return resp


@app.get("/api/invoices/<int:iid>")
def invoice(iid):
    if iid in INVOICES:
        return jsonify(INVOICES[iid])
    return err(404, "invoice_not_found", "no invoice %d" % iid)


@app.post("/api/invoices")
def create():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", "an invoice with ref %s already exists" % data["ref"])
    return jsonify(id=2, ref=data["ref"], status="draft"), 201


@app.get("/api/account")
def account():
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="ledgerly"'})


@app.get("/api/admin")
def admin():
    return err(403, "forbidden", "your role may not open the admin area")


@app.get("/api/quota")
def quota():
    return err(429, "rate_limited", "100 requests per minute per key", **{"Retry-After": "30"})


@app.get("/api/maintenance")
def maintenance():
    return err(503, "maintenance", "invoices are read-only during the ledger migration", **{"Retry-After": "120"})


@app.get("/api/payments")
def payments():
    return page(502), 502, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/statements")
def statements():
    return page(503), 503, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/bank")
def bank():
    return page(504), 504, {"Content-Type": "text/html; charset=utf-8"}


@app.get("/api/boom")
def boom():
    return jsonify(total=1 / 0)


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(slow=True)


@app.get("/api/drain")
def drain():
    return "", 503


@app.post("/api/upload")
def upload():
    return err(413, "payload_too_large", "attachments are limited to 512 bytes")


@app.get("/healthz")
def healthz():
    return "ok", 200, {"Content-Type": "text/plain"}
