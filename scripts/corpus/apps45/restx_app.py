"""Round-45 corpus: the orders API on Flask-RESTX (Flask 3.1), under gunicorn.

  gunicorn -b 127.0.0.1:PORT restx_app:app

RESTX writes its errors as {"message": ...}: abort() in the resources, the
payload validation 400 ("Input payload validation failed"), its 404 for a
path it does not know, 405, and "Internal Server Error" for an uncaught
exception (PROPAGATE_EXCEPTIONS off, as in production).
"""

import time

from flask import Flask, request
from flask_restx import Api, Resource, abort, fields

app = Flask("orders")
app.config["ERROR_404_HELP"] = False
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
api = Api(app, prefix="/api", doc=False, title="orders")
ORDER = {"id": 1, "sku": "A-1", "qty": 2, "status": "paid"}
new_order = api.model("NewOrder", {
    "sku": fields.String(required=True),
    "qty": fields.Integer(required=True, min=1),
})


@api.route("/health")
class Health(Resource):
    def get(self):
        return {"status": "ok"}


@api.route("/orders/<int:oid>")
class Order(Resource):
    def get(self, oid):
        if oid != 1:
            abort(404, "order %d not found" % oid)
        return ORDER


@api.route("/orders")
class Orders(Resource):
    @api.expect(new_order, validate=True)
    def post(self):
        body = api.payload
        return {"id": 2, "sku": body["sku"], "qty": body["qty"], "status": "pending"}, 201, {
            "Location": "/api/orders/2"}


@api.route("/admin/reports")
class Reports(Resource):
    def get(self):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return {"message": "a bearer token is required"}, 401, {"WWW-Authenticate": 'Bearer realm="orders"'}
        if auth != "Bearer admin-token":
            abort(403, "reports:read scope required")
        return {"reports": []}


@api.route("/orders/<int:oid>/cancel")
class Cancel(Resource):
    def post(self, oid):
        abort(409, "order %d has already shipped" % oid)


@api.route("/limited")
class Limited(Resource):
    def get(self):
        return {"message": "too many requests, retry in 30 s"}, 429, {"Retry-After": "30"}


@api.route("/boom")
class Boom(Resource):
    def get(self):
        totals = {}
        return {"total": totals["EUR"]}  # KeyError: not handled


@api.route("/maintenance")
class Maintenance(Resource):
    def get(self):
        return {"message": "orders are read-only during the migration"}, 503, {"Retry-After": "120"}


@api.route("/slow")
class Slow(Resource):
    def get(self):
        time.sleep(5)
        return {"status": "late"}


@api.route("/upload")
class Upload(Resource):
    def post(self):
        return {"received": len(request.get_data())}
