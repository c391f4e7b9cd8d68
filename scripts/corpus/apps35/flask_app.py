"""Round 35: Flask with Flask-HTTPAuth: HTTPTokenAuth (Bearer, opaque
tokens) on /api/, HTTPBasicAuth with roles on /admin/; the extension's own
401 "Unauthorized Access" and 403 "Forbidden"."""
from flask import Flask, jsonify
from flask_httpauth import HTTPBasicAuth, HTTPTokenAuth

app = Flask(__name__)
tokens = HTTPTokenAuth(scheme="Bearer")
basic = HTTPBasicAuth()
TOKENS = {"tkn_7d1f0c9a8b3e4f21a6c5": "warehouse-sync", "tkn_ro_55e2a1b09c": "dashboard"}
USERS = {"ops": ("ops-flask-pw", "admin"), "viewer": ("view-only-pw", "viewer")}


@tokens.verify_token
def verify_token(t):
    return TOKENS.get(t)


@basic.verify_password
def verify_password(u, p):
    if u in USERS and USERS[u][0] == p:
        return u


@basic.get_user_roles
def roles(u):
    return USERS[u][1]


@app.get("/api/stock")
@tokens.login_required
def stock():
    return jsonify(items=[{"sku": "WH-2291", "qty": 14}], client=tokens.current_user())


@app.get("/api/stock/<sku>")
@tokens.login_required
def one(sku):
    return jsonify(error="not_found", sku=sku), 404


@app.post("/admin/rebuild")
@basic.login_required(role="admin")
def rebuild():
    return jsonify(status="queued"), 202


@app.get("/admin/jobs")
@basic.login_required(role="admin")
def jobs():
    return jsonify(jobs=[])
