"""Round-49 corpus: a Flask 3 tasks app the way the Flask tutorial and the
"Flask + uWSGI + nginx" guides lay it out: uWSGI (master, 2 processes) on a
unix socket, nginx's uwsgi_pass in front. Plain Flask: abort() gives
Werkzeug's HTML pages (400, 404, 405, 413 over MAX_CONTENT_LENGTH 512 KiB,
the 500 page), the API's own errors are jsonify()ed, a login redirect (302)."""
import time

from flask import Flask, abort, jsonify, redirect, request, url_for

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 512 * 1024

TASKS = {1: {"id": 1, "title": "Rotate keys", "done": False}}


@app.get("/api/tasks")
def list_tasks():
    return jsonify(list(TASKS.values()))


@app.get("/api/tasks/<int:tid>")
def get_task(tid):
    if tid not in TASKS:
        return jsonify(error="task not found", id=tid), 404
    return jsonify(TASKS[tid])


@app.post("/api/tasks")
def create_task():
    data = request.get_json(silent=True)
    if data is None:
        abort(400, description="Request body must be JSON.")
    if not str(data.get("title", "")).strip():
        return jsonify(error="validation failed", fields={"title": "required"}), 422
    return jsonify(id=2, title=data["title"], done=False), 201


@app.post("/api/tasks/<int:tid>/done")
def finish_task(tid):
    return jsonify(error="task already completed", id=tid), 409


@app.post("/api/attachments")
def upload():
    blob = request.get_data()  # over MAX_CONTENT_LENGTH: Werkzeug's 413
    return jsonify(size=len(blob)), 201


@app.get("/api/admin/stats")
def stats():
    if "Authorization" not in request.headers:
        return jsonify(error="authentication required"), 401, {"WWW-Authenticate": 'Bearer realm="tasks"'}
    return jsonify(error="admin role required"), 403


@app.get("/api/boom")
def boom():
    return jsonify(owner=TASKS[1]["owner"])  # KeyError: Flask's 500 page


@app.get("/api/maintenance")
def maintenance():
    return jsonify(error="maintenance", message="Database upgrade, back soon"), 503, {"Retry-After": "300"}


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(status="late")


@app.get("/dashboard")
def dashboard():
    return redirect(url_for("login", next="/dashboard"))


@app.get("/login")
def login():
    return "<!doctype html><title>Log in</title><form method=post></form>\n"
