"""Round 80: the Ledgerly invoices API on Bottle 0.13, served by gunicorn
(sync workers, `Server: gunicorn`) behind Caddy.

JSON for the handlers' own answers; Bottle's default HTML error page
("Error: 404 Not Found", "Sorry, the requested URL ... caused an error")
for abort(), unrouted paths, a wrong method (405), a body that is not JSON
(400), a JSON body over MEMFILE_MAX (2 KB, 413) and an unhandled error
(500). The HTML 502/503/504 pages are round 55's.
Run: python -m gunicorn --bind 127.0.0.1:PORT bottle_app:app
"""
import json
import os
import sys
import time

import bottle
from bottle import HTTPResponse, abort, request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from upstream_pages import page  # noqa: E402

bottle.BaseRequest.MEMFILE_MAX = 2048
app = bottle.Bottle()


def err(status, code, message, **headers):
    hdrs = {"Content-Type": "application/json"}
    hdrs.update({k.replace("_", "-"): v for k, v in headers.items()})
    return HTTPResponse(json.dumps({"error": code, "message": message}), status=status, headers=hdrs)


@app.get("/api/invoices/<iid>")
def invoice(iid):
    if not iid.isdigit():
        return err(400, "invalid_id", f"invoice id must be a number, got '{iid}'")
    if iid == "1":
        return {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}
    if iid == "7":
        abort(404, "No invoice 7.")  # Bottle's own HTML 404
    return err(404, "invoice_not_found", f"no invoice {iid}")


@app.post("/api/invoices")
def create():
    data = request.json  # not JSON: Bottle's 400; over MEMFILE_MAX: Bottle's 413
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", f"an invoice with ref {data['ref']} already exists")
    return HTTPResponse(json.dumps({"id": 2, "ref": data["ref"], "status": "draft"}), status=201,
                        headers={"Content-Type": "application/json"})


@app.get("/api/account")
def account():
    return err(401, "unauthorized", "a bearer token is required", WWW_Authenticate='Bearer realm="ledgerly"')


@app.get("/api/admin")
def admin():
    return err(403, "forbidden", "your role may not open the admin area")


@app.get("/api/maintenance")
def maintenance():
    return err(503, "maintenance", "invoices are read-only during the ledger migration", Retry_After="120")


def html(status):
    def view():
        return HTTPResponse(page(status), status=status, headers={"Content-Type": "text/html; charset=utf-8"})
    return view


app.route("/api/payments", "GET", html(502))
app.route("/api/statements", "GET", html(503))
app.route("/api/bank", "GET", html(504))


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger total overflow")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"slow": True}
