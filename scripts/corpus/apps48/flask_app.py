"""Round-48 corpus: the orders API on Flask, under gunicorn.

A signed session cookie (Flask's own) that expires after 15 minutes; the
account page redirects to the login page without one or when it expired.
No CORS extension: Flask answers OPTIONS itself (200 with Allow and no
Access-Control-* header), which a browser treats as a refused preflight.
"""
import time

from flask import Flask, jsonify, redirect, request, session, url_for

app = Flask(__name__)
app.config["SECRET_KEY"] = "round48-not-a-secret"
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "status": "shipped"}}
SESSION_TTL = 15 * 60


def err(status, code, message):
    return jsonify(error=code, message=message), status


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/orders/<int:order_id>")
def get_order(order_id):
    if order_id not in ORDERS:
        return err(404, "order_not_found", "Order %d does not exist" % order_id)
    return jsonify(ORDERS[order_id])


@app.post("/api/orders")
def create_order():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or "sku" not in data:
        return err(400, "validation_failed", "sku is required")
    return jsonify(id=2, sku=data["sku"]), 201


@app.get("/login")
def login():
    return "<!doctype html><title>Sign in</title><h1>Sign in</h1>"


@app.get("/dev/login")
def dev_login():  # hands out a session (age in seconds from ?age=)
    session["user"] = "ada"
    session["at"] = time.time() - int(request.args.get("age", "0"))
    return jsonify(ok=True)


@app.get("/account")
def account():
    if "user" not in session:
        return redirect(url_for("login", next=request.path))
    if time.time() - session.get("at", 0) > SESSION_TTL:
        session.clear()
        return redirect(url_for("login", next=request.path, expired=1))
    return jsonify(user=session["user"])


@app.get("/api/me")
def me():
    if "user" not in session:
        return err(401, "unauthenticated", "Sign in first")
    if time.time() - session.get("at", 0) > SESSION_TTL:
        return err(401, "session_expired", "Your session has expired")
    return jsonify(user=session["user"])
