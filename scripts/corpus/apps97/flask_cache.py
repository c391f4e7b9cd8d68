"""Round 97: round 78's Tamarind orders API (apps78/flask_app.py) unchanged
(it still echoes or makes its own X-Request-ID on every answer), plus one
after_request hook the team added for the cache in front: order 1 is
`Cache-Control: public, max-age=300` with an ETag, and the 404 for order 9
is `public, max-age=120` (a cacheable error)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps78"))
from flask_app import app  # noqa: E402
from flask import request  # noqa: E402


@app.after_request
def _cache(resp):
    if request.method == "GET" and request.path == "/api/orders/1" and resp.status_code == 200:
        resp.headers["Cache-Control"] = "public, max-age=300"
        resp.headers["ETag"] = '"tm-order-1-v4"'
        resp.headers["Last-Modified"] = "Mon, 02 Jun 2025 08:00:00 GMT"
    elif request.method == "GET" and request.path == "/api/orders/9" and resp.status_code == 404:
        resp.headers["Cache-Control"] = "public, max-age=120"
    return resp
