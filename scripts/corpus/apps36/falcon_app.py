"""Falcon 4 under waitress: an invoices API (round 36, behind nginx)."""
import time
import uuid

import falcon


class RequestId:
    def process_request(self, req, resp):
        req.context.rid = req.get_header("X-Request-Id") or str(uuid.uuid4())

    def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header("X-Request-Id", req.context.rid)


class Invoice:
    def on_get(self, req, resp, iid):
        if iid != "inv_1":
            raise falcon.HTTPNotFound(title="Invoice not found",
                                      description="No invoice %s" % iid,
                                      code="invoice_not_found")
        resp.media = {"id": iid, "amount": 4200, "currency": "EUR"}

    def on_post_void(self, req, resp, iid):
        raise falcon.HTTPConflict(title="Invoice already paid",
                                  description="A paid invoice cannot be voided")


class Invoices:
    def on_post(self, req, resp):
        data = req.get_media()
        if "amount" not in data:
            raise falcon.HTTPUnprocessableEntity(title="Validation failed",
                                                 description="amount is required")
        resp.status = falcon.HTTP_201
        resp.media = {"id": "inv_2"}


class Admin:
    def on_get(self, req, resp):
        auth = req.get_header("Authorization")
        if not auth:
            raise falcon.HTTPUnauthorized(title="Authentication required",
                                          description="Send a bearer token",
                                          challenges=['Bearer realm="billing"'])
        raise falcon.HTTPForbidden(title="Forbidden",
                                   description="Token is not allowed to export invoices")


class Export:
    def on_get(self, req, resp):
        raise falcon.HTTPTooManyRequests(title="Rate limit exceeded",
                                         description="10 exports per hour", retry_after=600)


class Boom:
    def on_get(self, req, resp):
        raise KeyError("tax_rate")


class Maintenance:
    def on_get(self, req, resp):
        raise falcon.HTTPServiceUnavailable(title="Billing is down for maintenance",
                                            description="Back at 03:00 UTC", retry_after=900)


class Slow:
    def on_get(self, req, resp):
        time.sleep(5)
        resp.media = {"ok": True}


class Upload:
    def on_post(self, req, resp):
        resp.media = {"received": len(req.bounded_stream.read())}


class Old:
    def on_get(self, req, resp):
        raise falcon.HTTPMovedPermanently("/api/invoices/inv_1")


app = falcon.App(middleware=[RequestId()])
INVOICE = Invoice()
app.add_route("/api/invoices/{iid}", INVOICE)
app.add_route("/api/invoices/{iid}/void", INVOICE, suffix="void")
app.add_route("/api/invoices", Invoices())
app.add_route("/api/admin/exports", Admin())
app.add_route("/api/exports", Export())
app.add_route("/api/boom", Boom())
app.add_route("/api/maintenance", Maintenance())
app.add_route("/api/slow", Slow())
app.add_route("/api/attachments", Upload())
app.add_route("/billing/invoice", Old())
