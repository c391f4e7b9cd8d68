"""Round-39 corpus: a reports API on Flask under gunicorn, behind nginx
behind HAProxy. Its own JSON errors carrying the X-Request-ID the fronts send
(or one it makes), Flask's stock HTML 404/405/500 pages for the rest,
MAX_CONTENT_LENGTH 2 KiB (Werkzeug's 413). `gunicorn flask_app:app`"""
import time
import uuid

from flask import Flask, g, jsonify, redirect, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 2048


@app.before_request
def rid():
    g.rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def echo(resp):
    resp.headers["X-Request-ID"] = g.get("rid", "-")
    return resp


def fail(status, code, message, **headers):
    r = jsonify(error={"code": code, "message": message, "request_id": g.rid})
    r.status_code = status
    r.headers.update(headers)
    return r


@app.get("/api/health")
def health():
    return {"status": "ok"}


@app.get("/api/reports/<rid_>")
def report(rid_):
    if rid_ != "R-1":
        return fail(404, "report_not_found", f"Report {rid_} not found")
    return {"id": "R-1", "rows": 120}


@app.post("/api/reports")
def create():
    body = request.get_json(silent=True) or {}
    if body.get("range") not in ("day", "week", "month"):
        return fail(422, "invalid_range", "range must be one of day, week, month")
    return {"id": "R-2"}, 202


@app.post("/api/uploads")
def upload():
    return {"size": len(request.get_data())}, 201


@app.get("/api/admin/schedules")
def admin():
    if "Authorization" not in request.headers:
        return fail(401, "unauthorized", "Missing API key", **{"WWW-Authenticate": 'ApiKey realm="reports"'})
    return fail(403, "forbidden", "API key is read-only")


@app.get("/api/boom")
def boom():
    return {"rows": len(None)}


@app.get("/api/maintenance")
def maintenance():
    return fail(503, "maintenance", "Report workers are draining", **{"Retry-After": "300"})


@app.get("/api/warehouse")
def warehouse():
    time.sleep(1)
    return fail(504, "warehouse_timeout", "The data warehouse did not answer within 1s")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"status": "late"}


@app.get("/api/archive/<int:year>")
def archive(year):
    time.sleep(5)  # a cold-storage query; nginx gives /api/archive/ 10 s
    return {"year": year, "rows": 0}


@app.get("/reports")
def old():
    return redirect("/api/reports/R-1", 301)
