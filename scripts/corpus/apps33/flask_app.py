"""Round-33 corpus: a small invoices API on Flask, under gunicorn.

Errors as teams write them: JSON with and without a status field, an RFC 9457
problem details 422, Flask's stock HTML 404/405/500 pages, Werkzeug's 413
(MAX_CONTENT_LENGTH 1 KiB), a plain-text 503, an empty 204-style 401, and a
handler that sleeps (for the fronts' timeouts and gunicorn's worker timeout).
"""
import time

from flask import Flask, Response, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
INVOICES = {1: {"id": 1, "amount": 1200, "currency": "EUR", "state": "paid"}}


@app.get("/api/invoices/<int:inv>")
def get_invoice(inv):
    if inv not in INVOICES:
        return jsonify(error="invoice_not_found", message="Invoice %d does not exist" % inv), 404
    return jsonify(INVOICES[inv])


@app.post("/api/invoices")
def create_invoice():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(status=400, error="Bad Request", message="body must be a JSON object"), 400
    if not isinstance(data.get("amount"), int) or data["amount"] <= 0:
        body = {"type": "https://api.example.com/problems/validation",
                "title": "Your request is not valid.", "status": 422,
                "detail": "amount must be a positive integer in cents",
                "instance": "/api/invoices",
                "errors": [{"pointer": "#/amount", "detail": "must be > 0"}]}
        return Response(__import__("json").dumps(body), status=422, mimetype="application/problem+json")
    return jsonify(id=2, **data), 201


@app.get("/api/invoices/<int:inv>/pdf")
def pdf(inv):
    return Response("", status=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


@app.post("/api/invoices/<int:inv>/void")
def void(inv):
    return jsonify(code="INVOICE_ALREADY_PAID", detail="a paid invoice cannot be voided"), 409


@app.get("/api/export")
def export():
    return Response("export service is paused for maintenance, try again later\n", status=503,
                    mimetype="text/plain", headers={"Retry-After": "600"})


@app.get("/api/boom")
def boom():
    return jsonify(total=INVOICES.get(99)["amount"])  # a real bug: TypeError


@app.get("/api/slow")
def slow():
    time.sleep(6)
    return jsonify(done=True)
