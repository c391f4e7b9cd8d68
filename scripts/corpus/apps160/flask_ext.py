"""Round 160: round 74's Flask catalog (apps74/flask_app.py, unchanged and
imported) with five routes added, served by gunicorn (`Server: gunicorn`):
GET /api/catalog/legacy-1 a 301 to /api/products/1 (public, max-age=300),
GET /api/admin/users a JSON 403, PUT /api/orders/<id> a JSON 409,
DELETE /api/orders/<id> a 204, GET /api/me a JSON 200 with
`Authorization: Bearer good-token` (private, max-age=60), a JSON 401 without.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps74"))
from flask import jsonify, request, redirect  # noqa: E402
from flask_app import app, err  # noqa: E402


@app.get("/api/catalog/legacy-1")
def legacy():
    resp = redirect("/api/products/1", code=301)
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


@app.get("/api/admin/users")
def admin():
    return err(403, "forbidden", "admin scope required")


@app.put("/api/orders/<oid>")
def put_order(oid):
    return err(409, "conflict", f"order {oid} was changed by another request", current_version=7)


@app.delete("/api/orders/<oid>")
def delete_order(oid):
    return "", 204, {"Cache-Control": "no-store"}


@app.get("/api/me")
def me():
    if request.headers.get("Authorization") != "Bearer good-token":
        resp = err(401, "unauthorized", "bearer token required")
        resp.headers["WWW-Authenticate"] = 'Bearer realm="larkspur"'
        return resp
    resp = jsonify({"user": "mira", "roles": ["buyer"]})
    resp.headers["Cache-Control"] = "private, max-age=60"
    return resp
