"""Round 180: the Brackwater returns API on Flask 3, served as WSGI by uvicorn
(--interface wsgi). The team's @app.errorhandler(HTTPException) and
(Exception) answer RFC 9457 application/problem+json (type, title, status,
detail, instance, trace_id = the front's X-Request-ID). Its own dependency
errors: /api/refunds 502 (the payment provider refused), /api/ledger 503 (the
database is in failover, Retry-After), /api/search 504 (the search cluster
timed out). /api/boom raises; /api/slow takes 6 s."""
import json
import time

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
RETURNS = {1: {"id": 1, "order": "BW-1001", "state": "received"}}


def problem(status, title, detail, slug, headers=None):
    body = {"type": f"https://errors.brackwater.test/{slug}", "title": title, "status": status,
            "detail": detail, "instance": request.path,
            "trace_id": request.headers.get("X-Request-ID", "-")}
    r = Response(json.dumps(body) + "\n", status=status, mimetype="application/problem+json")
    for k, v in (headers or {}).items():
        r.headers[k] = v
    return r


@app.errorhandler(HTTPException)
def http_error(e):
    return problem(e.code, e.name, e.description, e.name.lower().replace(" ", "-"))


@app.errorhandler(Exception)
def any_error(e):
    return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged", "internal")


@app.get("/api/returns/<int:rid>")
def one(rid):
    if rid not in RETURNS:
        return problem(404, "Return not found", f"no return with id {rid}", "return-not-found")
    return RETURNS[rid]


@app.post("/api/returns")
def create():
    data = request.get_json(silent=True) or {}
    if "order" not in data:
        return problem(422, "Validation failed", "field 'order' is required", "validation")
    return {"id": 2, "order": data["order"], "state": "received"}, 201


@app.get("/api/refunds")
def refunds():
    return problem(502, "Payment provider error", "the payment provider (PayHarbor) refused the refund request", "payment-provider")


@app.get("/api/ledger")
def ledger():
    return problem(503, "Database unavailable", "the ledger database is failing over; retry shortly", "database-unavailable",
                   {"Retry-After": "30"})


@app.get("/api/search")
def search():
    return problem(504, "Search timeout", "the search cluster did not answer within 2 s", "search-timeout")


@app.get("/api/boom")
def boom():
    raise KeyError("refund_total")


@app.get("/api/slow")
def slow():
    time.sleep(6)
    return {"slow": True}
