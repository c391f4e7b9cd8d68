"""Round-50 corpus: a helpdesk tickets API on Flask, under gunicorn (behind
lighttpd's mod_proxy).

Errors as a team writes them: a JSON 404 with an error code, Flask's stock
404/405/500 pages, a JSON 422 with field errors, a 409, Werkzeug's 413
(MAX_CONTENT_LENGTH 4 KiB), an empty 401 with a Bearer challenge, the app's
own JSON 429 and a plain-text 503, and a handler that sleeps 6 s.
"""
import time

from flask import Flask, Response, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 4096
TICKETS = {1: {"id": 1, "subject": "Printer on fire", "state": "open"}}


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/tickets/<int:tid>")
def ticket(tid):
    if tid not in TICKETS:
        return jsonify(error={"code": "TICKET_NOT_FOUND", "message": "ticket %d not found" % tid}), 404
    return jsonify(TICKETS[tid])


@app.post("/api/tickets")
def create():
    data = request.get_json(silent=True) or {}
    errors = {}
    if not data.get("subject"):
        errors["subject"] = ["This field is required."]
    if data.get("priority") not in ("low", "normal", "high"):
        errors["priority"] = ["Must be one of: low, normal, high."]
    if errors:
        return jsonify(message="Validation failed", errors=errors), 422
    return jsonify(id=2, **data), 201


@app.post("/api/tickets/<int:tid>/attachments")
def attach(tid):
    return jsonify(size=len(request.get_data())), 201


@app.post("/api/tickets/<int:tid>/close")
def close(tid):
    return jsonify(error={"code": "TICKET_LOCKED", "message": "ticket is being edited by another agent"}), 409


@app.get("/api/me")
def me():
    return Response("", status=401, headers={"WWW-Authenticate": 'Bearer realm="helpdesk", error="invalid_token"'})


@app.get("/api/search")
def search():
    return jsonify(error={"code": "RATE_LIMITED", "message": "slow down: 30 searches per minute"}), 429, {"Retry-After": "41"}


@app.get("/api/reports")
def reports():
    return Response("reporting is paused while the nightly export runs\n", status=503,
                    mimetype="text/plain", headers={"Retry-After": "900"})


@app.get("/api/boom")
def boom():
    return jsonify(count=len(TICKETS.get(42)["comments"]))  # a real bug: TypeError


@app.get("/api/slow")
def slow():
    time.sleep(6)
    return jsonify(done=True)
