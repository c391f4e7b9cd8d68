"""Round-91 corpus: the Larch orders API (Flask 3.1 on gunicorn).

The team customised Flask's error handling: @app.errorhandler turns 404, 405
and 500 into JSON {"error": {...}}, and a flag file switches every request to
an HTML maintenance page (503, Retry-After). Its own 502/503/504 are JSON.
"""
import socket
import time

from flask import Flask, jsonify, request

import deps

app = Flask(__name__)

MAINT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Larch is down for maintenance</title>
<style>body{font-family:sans-serif;background:#f4f1ea;color:#333;text-align:center;padding-top:10%}</style></head>
<body><h1>We&rsquo;ll be right back</h1>
<p>Larch is being upgraded. Orders placed before the upgrade are safe.</p>
<p>Expected back within 15 minutes. Status: status.larch.test</p></body></html>
"""


def err(status, code, message):
    r = jsonify(error={"code": code, "message": message, "status": status})
    r.status_code = status
    return r


@app.before_request
def _maintenance():
    if deps.maintenance():
        return MAINT, 503, {"Content-Type": "text/html; charset=utf-8", "Retry-After": "900"}


@app.errorhandler(404)
def not_found(e):
    return err(404, "not_found", f"no resource at {request.path}")


@app.errorhandler(405)
def not_allowed(e):
    return err(405, "method_not_allowed", f"{request.method} is not supported here")


@app.errorhandler(500)
def server_error(e):
    return err(500, "internal_error", "something went wrong on our side; it has been logged")


@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid != 1:
        return err(404, "order_not_found", f"order {oid} does not exist")
    r = jsonify(id=1, ref="LA-1001", total=41.5)
    r.headers["Cache-Control"] = "public, max-age=2"
    r.headers["ETag"] = '"la-1001-v1"'
    return r


@app.get("/api/cart")
def cart():
    if request.args.get("coupon"):
        raise KeyError("COUPON_TABLE")  # unhandled -> the 500 handler
    return jsonify(items=[], currency="EUR")


@app.get("/api/inventory")
def inventory():
    try:
        deps.call("DEP_DOWN")
    except OSError as e:
        return err(502, "inventory_unreachable", f"inventory service unreachable: {e}")
    return jsonify(ok=True)


@app.get("/api/payments")
def payments():
    try:
        deps.call("DEP_DOWN")
    except OSError:
        r = err(503, "payments_unavailable", "payment provider unavailable, try again shortly")
        r.headers["Retry-After"] = "30"
        return r
    return jsonify(ok=True)


@app.get("/api/quotes")
def quotes():
    try:
        deps.call("DEP_SLOW")
    except socket.timeout:
        return err(504, "pricing_timeout", "pricing service did not answer within 1s")
    return jsonify(ok=True)


@app.get("/api/report")
def report():
    time.sleep(6)
    return jsonify(rows=0)


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")
