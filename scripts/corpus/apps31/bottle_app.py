"""Round-31 corpus: a Bottle 0.13 API under gunicorn, debug off, so what the
handlers do not answer themselves gets Bottle's stock HTML error page
("Error: 404 Not Found", "Sorry, the requested URL ... caused an error").
    gunicorn -b 127.0.0.1:PORT bottle_app:app
"""
import json
import time

import bottle
from bottle import Bottle, HTTPResponse, abort, request, response

bottle.debug(False)
app = Bottle()


def jerr(status, payload, **headers):
    return HTTPResponse(json.dumps(payload), status=status,
                        headers={"Content-Type": "application/json", **headers})


@app.get("/api/health")
def health():
    return {"status": "ok"}


@app.get("/api/invoices/<iid>")
def invoice(iid):
    if iid != "1":
        return jerr(404, {"error": "invoice_not_found", "id": iid})
    return {"id": 1, "amount": 1200}


@app.get("/api/customers/<cid>")
def customer(cid):
    abort(404, "No such customer.")      # Bottle's stock HTML page


@app.post("/api/invoices")
def create():
    try:
        data = json.loads(request.body.read() or b"null")
    except ValueError:
        abort(400, "Malformed JSON.")
    if not isinstance(data, dict) or not data.get("amount"):
        return jerr(422, {"error": "validation_failed", "fields": {"amount": "required"}})
    response.status = 201
    return {"id": 2}


@app.get("/api/admin/reports")
def admin():
    if request.headers.get("Authorization") != "Bearer s3cret":
        abort(401, "Access denied.")
    return {"reports": []}


@app.get("/api/boom")
def boom():
    return {"total": 1 / 0}             # Bottle's stock 500 page, no traceback


@app.get("/api/maintenance")
def maintenance():
    return jerr(503, {"error": "maintenance"}, **{"Retry-After": "600"})


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"status": "late"}
