"""Round 146: the Tamsworth tickets API on Flask 3 (gunicorn), its error
handlers customised: @app.errorhandler(HTTPException) and (Exception) answer
{"status": "error", "error": {"type", "detail"}, "trace_id"} (the front's
X-Request-ID echoed) under /api/; outside /api/ the 404 handler returns the
team's HTML page. The app answers its own 502 (the search index refused:
JSON), 503 (maintenance: the team's HTML page with Retry-After) and 504 (the
billing service timed out: JSON). /api/boom raises; /api/slow takes 6 s."""
import time

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{code} - Tamsworth Support</title></head>
<body><main><h1>{title}</h1><p>{text}</p><small>trace {rid}</small></main></body></html>
"""


def rid():
    return request.headers.get("X-Request-ID", "-")


def err(status, typ, detail, headers=None):
    r = jsonify(status="error", error={"type": typ, "detail": detail}, trace_id=rid())
    r.status_code = status
    for k, v in (headers or {}).items():
        r.headers[k] = v
    return r


@app.errorhandler(HTTPException)
def http_error(e):
    if not request.path.startswith("/api/") and e.code == 404:
        return PAGE.format(code=404, title="We could not find that page", text="Check the address, or go back to the help centre.", rid=rid()), 404, {"Content-Type": "text/html; charset=utf-8"}
    return err(e.code, e.name.lower().replace(" ", "_"), e.description)


@app.errorhandler(Exception)
def crash(e):
    app.logger.exception("unhandled")
    return err(500, "internal_error", "An unexpected error occurred.")


@app.get("/api/tickets/<int:tid>")
def ticket(tid):
    if tid == 1:
        return jsonify(id=1, subject="Printer on fire", state="open")
    return err(404, "ticket_not_found", f"Ticket {tid} was not found.")


@app.post("/api/tickets")
def new_ticket():
    data = request.get_json(silent=True) or {}
    if "subject" not in data:
        return err(422, "validation_error", "subject is required")
    return jsonify(id=2, subject=data["subject"]), 201


@app.get("/api/search")
def search():
    return err(502, "bad_gateway", "The search index refused the connection (opensearch:9200).")


@app.get("/api/billing")
def billing():
    return err(504, "gateway_timeout", "The billing service did not respond within 2.5 s.")


@app.get("/api/maintenance")
def maintenance():
    return PAGE.format(code=503, title="Down for maintenance", text="Tamsworth Support is being upgraded. Please try again in 10 minutes.", rid=rid()), 503, {"Content-Type": "text/html; charset=utf-8", "Retry-After": "600"}


@app.get("/api/boom")
def boom():
    raise RuntimeError("ticket counter overflow")


@app.get("/api/slow")
def slow():
    time.sleep(6)
    return jsonify(slow=True)
