"""Round-15 corpus: the orders API on APIFlask 3, as a team writes it.

Served by gunicorn: gunicorn apiflask_app:app
Schemas validate the input (APIFlask's 422), HTTPTokenAuth guards the admin
route (its 401), abort() and HTTPError for the rest; MAX_CONTENT_LENGTH
1 KiB (Werkzeug's 413, rendered by APIFlask as JSON).
"""
import time

from apiflask import APIFlask, HTTPTokenAuth, Schema, abort
from apiflask.fields import Integer, String
from apiflask.validators import Length, Range

app = APIFlask(__name__, title="Orders API", version="1.4.0")
app.config["MAX_CONTENT_LENGTH"] = 1024
auth = HTTPTokenAuth(scheme="Bearer")

TOKENS = {"user-token": {"name": "dana", "scopes": []}}


@auth.verify_token
def verify_token(token):
    return TOKENS.get(token)


class OrderIn(Schema):
    sku = String(required=True, validate=Length(1, 32))
    qty = Integer(required=True, validate=Range(min=1))


class OrderOut(Schema):
    id = Integer()
    sku = String()
    qty = Integer()


@app.get("/api/health")
def health():
    return {"status": "ok"}


@app.get("/api/orders/<int:order_id>")
@app.output(OrderOut)
def get_order(order_id):
    if order_id != 1:
        abort(404, f"Order {order_id} not found")
    return {"id": 1, "sku": "A-1", "qty": 2}


@app.post("/api/orders")
@app.input(OrderIn)
@app.output(OrderOut, status_code=201)
def create_order(json_data):
    return {"id": 2, **json_data}


@app.post("/api/orders/<int:order_id>/cancel")
def cancel_order(order_id):
    abort(409, "Order already shipped", extra_data={"code": "ORDER_SHIPPED"})


@app.get("/api/admin/reports")
@app.auth_required(auth)
def reports():
    abort(403, "Missing scope reports:read")


@app.get("/api/limited")
def limited():
    abort(429, "Rate limit exceeded: 100 per 1 hour", headers={"Retry-After": "3600"})


@app.get("/api/boom")
def boom():
    order = None
    return {"total": order["qty"] * 3}  # TypeError: a real bug


@app.get("/api/maintenance")
def maintenance():
    abort(503, "Scheduled maintenance until 02:00 UTC", headers={"Retry-After": "1800"})


@app.get("/api/inventory")
def inventory():
    time.sleep(1)  # the stock service did not answer within 1 s
    abort(504, "Inventory service timed out", extra_data={"code": "UPSTREAM_TIMEOUT"})


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"status": "late"}


@app.get("/api/catalog")
def catalog():
    return {"items": [{"sku": "A-1", "price": 1200}]}, 200, {"Cache-Control": "public, max-age=60"}


@app.get("/api/report")
def report():
    abort(500, "Report generation failed")


@app.post("/api/upload")
def upload():
    from flask import request
    return {"stored": len(request.get_data())}, 201
