"""Round 85: the Kestrel items API (Flask on gunicorn), behind Apache.
The edges in Flask's/Werkzeug's own formats: Werkzeug's HTML 400 (bad
JSON), 415 (get_json on another Content-Type), 404, 405 and 500; the app's
JSON 401 (with and without WWW-Authenticate), 403, 404 for an unknown id,
406, 409, 410, 422, an in-app 429, a maintenance 503 (a flag file),
redirect() 301/302/307/308 (Werkzeug's "Redirecting..." page), 201/202/204,
and a 5 s slow route."""
import os, time
from flask import Flask, jsonify, request, redirect, abort

app = Flask(__name__)
FLAG_DIR = os.environ.get("FLAG_DIR", "/nonexistent")
HITS = {}
ITEM = {"id": 1, "name": "brass cleat", "stock": 40}


def err(status, code, message, **headers):
    r = jsonify(error=code, message=message)
    r.status_code = status
    r.headers.update(headers)
    return r


@app.get("/api/items/<int:item_id>")
def get_item(item_id):
    if not request.accept_mimetypes.accept_json:
        return err(406, "not_acceptable", "only application/json is served here")
    if item_id == 7:
        return err(410, "gone", "item 7 was retired on 2026-01-31")
    if item_id != 1:
        return err(404, "not_found", f"item {item_id} does not exist")
    r = jsonify(ITEM)
    r.headers["Cache-Control"] = "public, max-age=60"
    return r


@app.post("/api/items")
def create_item():
    body = request.get_json()  # Werkzeug: 415 for another Content-Type, 400 for bad JSON
    missing = [f for f in ("name", "stock") if f not in body]
    if missing:
        r = jsonify(error="validation_failed", fields={f: "required" for f in missing})
        return r, 422
    if body["name"] == "brass cleat":
        return err(409, "conflict", "an item named 'brass cleat' already exists (id 1)")
    return jsonify(id=2, **body), 201, {"Location": "/api/items/2"}


@app.delete("/api/items/<int:item_id>")
def delete_item(item_id):
    return "", 204


@app.post("/api/reports")
def start_report():
    return jsonify(job="rep-88", state="queued"), 202, {"Location": "/api/reports/jobs/rep-88"}


@app.get("/api/me")
def me():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return err(401, "unauthorized", "bearer token required", **{"WWW-Authenticate": 'Bearer realm="kestrel"'})
    if auth != "Bearer user-token":
        return err(401, "invalid_token", "token expired", **{"WWW-Authenticate": 'Bearer realm="kestrel", error="invalid_token"'})
    return jsonify(user="dana", role="user")


@app.get("/api/keys")
def keys():
    if not request.headers.get("X-API-Key"):
        return err(401, "unauthorized", "missing X-API-Key header")
    return jsonify(keys=[])


@app.get("/api/admin/audit")
def audit():
    auth = request.headers.get("Authorization", "")
    if auth == "Bearer user-token":
        return err(403, "forbidden", "role 'user' may not read the audit log")
    if not auth:
        return err(401, "unauthorized", "bearer token required", **{"WWW-Authenticate": 'Bearer realm="kestrel"'})
    return jsonify(entries=[])


@app.get("/api/search")
def search():
    who = request.headers.get("X-Forwarded-For", request.remote_addr)
    n = HITS[who] = HITS.get(who, 0) + 1  # a fixed window from the start of the process
    if n > 2:
        return err(429, "rate_limited", "2 searches a minute", **{"Retry-After": str(60 - int(time.time()) % 60)})
    return jsonify(q=request.args.get("q", ""), results=[])


@app.get("/api/billing/<path:rest>")
def billing(rest):
    if os.path.exists(os.path.join(FLAG_DIR, "maintenance")):
        return err(503, "maintenance", "billing is in maintenance until 21:30 UTC", **{"Retry-After": "900"})
    return jsonify(invoices=[])


@app.get("/api/v1/items/<int:item_id>")
def old_item(item_id):
    return redirect(f"/api/items/{item_id}", 301)


@app.get("/api/latest")
def latest():
    return redirect("/api/items/1", 302)


@app.post("/api/items/<int:item_id>/archive")
def archive(item_id):
    return redirect(f"/api/archive/items/{item_id}", 307)


@app.post("/api/v1/items")
def old_create():
    return redirect("/api/items", 308)


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger cursor lost")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(slow=True)
