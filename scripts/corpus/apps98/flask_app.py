"""Round 98: the Corvid orders API (Flask 3.1), run by gunicorn (behind nginx)
and by waitress (behind Caddy). /api/boom raises in a WSGI wrapper outside
Flask, so the app SERVER writes the 500 itself; /api/fail is Flask's own
JSON 500 (an errorhandler)."""
import time
from flask import Flask, jsonify, request, redirect

app = Flask(__name__)
ORDERS = {1: {"id": 1, "ref": "CV-1001", "total": "12.50"}}

@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid not in ORDERS:
        return jsonify(error="not_found", message=f"order {oid} does not exist"), 404
    return jsonify(ORDERS[oid])

@app.post("/api/orders")
def create():
    body = request.get_json(silent=True) or {}
    if "ref" not in body:
        return jsonify(error="validation_failed", fields={"ref": "required"}), 422
    return jsonify(id=2, ref=body["ref"]), 201

@app.get("/api/account")
def account():
    if not request.headers.get("Authorization"):
        return jsonify(error="unauthorized", message="missing bearer token"), 401
    return jsonify(user="ops")

@app.get("/api/limited")
def limited():
    return jsonify(error="rate_limited", retry_after=30), 429, {"Retry-After": "30"}

@app.get("/api/fail")
def fail():
    raise KeyError("ledger")

@app.errorhandler(500)
def err500(e):
    return jsonify(error="internal", message="unexpected error"), 500

@app.get("/api/old-orders/1")
def old():
    return redirect("/api/orders/1", code=301)

@app.route("/api/slow")
def slow():
    time.sleep(float(request.args.get("s", "5")))
    return jsonify(slept=request.args.get("s", "5"))

@app.get("/api/echo")
def echo():
    return jsonify(headers=len(request.headers), path_len=len(request.full_path))

@app.post("/api/upload")
def upload():
    return jsonify(received=len(request.get_data()))

_inner = app.wsgi_app


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/api/boom":
        raise RuntimeError("boom before any response")
    return _inner(environ, start_response)


app.wsgi_app = application
