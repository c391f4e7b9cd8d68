"""Round-63 corpus: round 55's Flask invoices API (../apps55/flask_app.py,
imported unchanged) served by gunicorn, with one after_request hook the way
a team adds caching headers for the cache in front: GET /api/invoices/1 and
/api/rates get Cache-Control: public and an ETag (rates change often, so a
short max-age). No request id is set."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))
from flask import jsonify, request  # noqa: E402
from flask_app import app  # noqa: E402


@app.get("/api/rates")
def rates():
    return jsonify(base="EUR", usd="1.0831", gbp="0.8412")


@app.after_request
def cache_headers(resp):
    if request.method == "GET" and resp.status_code == 200:
        if request.path == "/api/invoices/1":
            resp.headers["Cache-Control"] = "public, max-age=60"
            resp.set_etag("inv-1-v3")
        elif request.path == "/api/rates":
            resp.headers["Cache-Control"] = "public, max-age=1"
            resp.set_etag("rates-2026-12")
    return resp
