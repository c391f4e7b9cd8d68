"""Round-23 corpus: the orders service behind every gateway, BFF and front.

A small Flask API under gunicorn (threaded workers, so the 5 s handler
holds no worker others need). It is what the gateways forward to and
what the BFFs call; its own answers reach the client only when a gateway or
a front relays them.
"""
import time

from flask import Flask, jsonify

app = Flask(__name__)
ORDERS = {1: {"id": 1, "sku": "A-1", "qty": 2, "status": "shipped"}}


@app.get("/api/orders/<int:order_id>")
def get_order(order_id):
    if order_id not in ORDERS:
        return jsonify(error="order_not_found", message="Order %d does not exist" % order_id), 404
    return jsonify(ORDERS[order_id])


@app.get("/api/catalog")
def catalog():
    return jsonify(items=[{"sku": "A-1", "price": 1299}])


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger connection lost")


@app.get("/api/slow")
@app.get("/api/slow/")
def slow():
    time.sleep(5)
    return jsonify(status="late")


@app.get("/api/maintenance")
def maintenance():
    resp = jsonify(error="maintenance", message="orders service is being migrated")
    resp.headers["Retry-After"] = "300"
    return resp, 503
