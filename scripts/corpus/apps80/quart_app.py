"""Round 80: the Ledgerly invoices API (round 55's routes) on Quart 0.22,
served by Hypercorn 0.18 (HTTP/1.1, h11) behind nginx.

JSON for the handlers' own answers; Quart's (werkzeug's) HTML pages for
abort(), unrouted paths, a wrong method (405), a body that is not JSON
(400), a body over MAX_CONTENT_LENGTH (2 KB, 413) and an unhandled error
(500). The HTML 502/503/504 pages are round 55's (../apps55/upstream_pages.py).
Run: python -m hypercorn --bind 127.0.0.1:PORT quart_app:app
"""
import asyncio
import os
import sys

from quart import Quart, abort, jsonify, request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from upstream_pages import page  # noqa: E402

app = Quart(__name__)
app.config["MAX_CONTENT_LENGTH"] = 2048


def err(status, code, message, **headers):
    resp = jsonify({"error": code, "message": message})
    resp.status_code = status
    for k, v in headers.items():
        resp.headers[k.replace("_", "-")] = v
    return resp


@app.get("/api/invoices/<iid>")
async def invoice(iid):
    if not iid.isdigit():
        return err(400, "invalid_id", f"invoice id must be a number, got '{iid}'")
    if iid == "1":
        return jsonify({"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"})
    if iid == "7":
        abort(404)  # Quart's own HTML 404
    return err(404, "invoice_not_found", f"no invoice {iid}")


@app.post("/api/invoices")
async def create():
    data = await request.get_json(force=True)  # a body that is not JSON: Quart's 400
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", f"an invoice with ref {data['ref']} already exists")
    resp = jsonify({"id": 2, "ref": data["ref"], "status": "draft"})
    resp.status_code = 201
    return resp


@app.post("/api/attachments")
async def attach():
    body = await request.get_data()  # over 2 KB: Quart's 413
    return jsonify({"received": len(body)}), 201


@app.get("/api/account")
async def account():
    return err(401, "unauthorized", "a bearer token is required", WWW_Authenticate='Bearer realm="ledgerly"')


@app.get("/api/admin")
async def admin():
    return err(403, "forbidden", "your role may not open the admin area")


@app.get("/api/maintenance")
async def maintenance():
    return err(503, "maintenance", "invoices are read-only during the ledger migration", Retry_After="120")


@app.get("/api/payments")
async def payments():
    return page(502), 502


@app.get("/api/statements")
async def statements():
    return page(503), 503


@app.get("/api/bank")
async def bank():
    return page(504), 504


@app.get("/api/boom")
async def boom():
    raise RuntimeError("ledger total overflow")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return jsonify({"slow": True})
