"""Round-88 corpus: the Sorrel orders API (Flask 3.1, run by waitress with
ONE thread). Incident routes as in common.py."""
import socket
import time

from flask import Flask, jsonify, request

import common

app = Flask(__name__)


@app.before_request
def _warm():
    common.warm_up()


@app.get("/api/orders/<int:oid>")
def order(oid):
    if common.DEPLOY == "v2":
        from werkzeug.exceptions import NotFound
        raise NotFound()
    if oid != 1:
        return jsonify(error="not_found", message=f"order {oid} does not exist"), 404
    r = jsonify(id=1, ref="SO-1001", total=41.5, replica=common.REPLICA)
    r.headers["Cache-Control"] = "public, max-age=2"
    r.headers["ETag"] = '"so-1001-v1"'
    return r


@app.get("/api/cart")
def cart():
    if common.DEPLOY == "v2":
        raise KeyError("CART_TTL")  # the new release reads a setting nobody set
    return jsonify(items=[], currency="EUR")


@app.get("/api/inventory")
def inventory():
    try:
        common.call("DEP_DOWN")
    except OSError as e:
        return jsonify(error="bad_gateway", message=f"inventory service unreachable: {e}"), 502
    return jsonify(ok=True)


@app.get("/api/quotes")
def quotes():
    try:
        common.call("DEP_SLOW")
    except socket.timeout:
        return jsonify(error="gateway_timeout", message="pricing service did not answer within 1s"), 504
    return jsonify(ok=True)


@app.get("/api/payments")
def payments():
    try:
        common.call("DEP_DOWN")
    except OSError:
        r = jsonify(error="service_unavailable", message="payment provider unavailable, try again shortly")
        r.status_code = 503
        r.headers["Retry-After"] = "30"
        return r
    return jsonify(ok=True)


@app.post("/api/receipts")
def receipts():
    common.append_receipt(request.get_data(as_text=True) or "{}")  # ENOSPC -> Flask's 500
    return jsonify(stored=True), 201


@app.get("/api/export")
def export():
    time.sleep(6)  # holds the only thread
    return jsonify(rows=0)


@app.get("/healthz")
def healthz():
    if not common.healthy():
        return jsonify(status="fail", checks={"db": "timeout"}), 503
    return jsonify(status="ok")
