"""Round-28 corpus: a Flask API in production (debug off) with the custom JSON
error handler teams add: every HTTPException is rendered as
{"error": {"status": ..., "name": ..., "message": ...}}, and an unhandled
exception becomes a JSON 500. MAX_CONTENT_LENGTH is 1 MiB.

FLASK_CRASH=1 gives the deploy that starts but dies on every request: the
first thing each request does is load a native extension that aborts the
worker (here os.abort(), SIGABRT), so gunicorn restarts the worker and the
front sees the connection close without a response.
"""
import os
import time

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024

if os.environ.get("FLASK_CRASH") == "1":
    @app.before_request
    def native_crash():
        os.abort()


@app.errorhandler(HTTPException)
def http_error(e):
    r = jsonify(error={"status": e.code, "name": e.name, "message": e.description})
    r.status_code = e.code
    return r


@app.errorhandler(Exception)
def unhandled(e):
    app.logger.exception("unhandled")
    return jsonify(error={"status": 500, "name": "Internal Server Error",
                          "message": "Something went wrong on our side."}), 500


@app.get("/api/health")
def health():
    return {"status": "ok"}


@app.get("/api/users/<int:uid>")
def user(uid):
    if uid != 1:
        return jsonify(error={"status": 404, "name": "Not Found", "message": f"User {uid} does not exist"}), 404
    return {"id": 1, "name": "ada"}


@app.post("/api/users")
def create_user():
    data = request.get_json()  # a malformed body: Werkzeug's BadRequest, through the JSON handler
    if not data.get("email"):
        return jsonify(error={"status": 422, "name": "Unprocessable Entity",
                              "message": "email is required"}), 422
    return {"id": 2}, 201


@app.post("/api/avatars")
def avatar():
    return {"size": len(request.get_data())}


@app.get("/api/boom")
def boom():
    return {"ratio": 1 / 0}


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"status": "late"}
