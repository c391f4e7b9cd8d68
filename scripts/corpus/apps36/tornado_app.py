"""Tornado: a small shipments API (round 36, behind Caddy)."""
import asyncio
import json
import sys
import uuid

import tornado.web
from tornado.httpserver import HTTPServer


class Base(tornado.web.RequestHandler):
    def prepare(self):
        self.rid = self.request.headers.get("X-Request-Id") or uuid.uuid4().hex
        self.set_header("X-Request-Id", self.rid)

    def err(self, status, code, message, **extra):
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        body = {"error": {"code": code, "message": message, "request_id": self.rid}}
        body["error"].update(extra)
        self.finish(json.dumps(body))


class Shipment(Base):
    def get(self, sid):
        if sid == "1":
            self.write({"id": "1", "status": "in_transit", "carrier": "DHL"})
        else:
            self.err(404, "shipment_not_found", "No shipment with id %s" % sid)

    def delete(self, sid):
        self.err(409, "shipment_dispatched", "Shipment %s has left the warehouse" % sid)


class Shipments(Base):
    def post(self):
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            return self.err(400, "invalid_json", "Request body is not valid JSON")
        if not data.get("address"):
            return self.err(422, "validation_failed", "address is required", fields=["address"])
        self.set_status(201)
        self.write({"id": "2", "status": "created"})


class Admin(Base):
    def get(self):
        auth = self.request.headers.get("Authorization", "")
        if not auth:
            self.set_header("WWW-Authenticate", 'Bearer realm="shipments"')
            return self.err(401, "unauthorized", "Missing bearer token")
        if auth != "Bearer ops-token":
            return self.err(403, "forbidden", "Token lacks the shipments:admin scope")
        self.write({"jobs": []})


class Track(Base):
    def get(self):
        self.set_header("Retry-After", "30")
        self.err(429, "rate_limited", "Too many tracking lookups, retry in 30 seconds")


class Boom(Base):
    def get(self):
        raise RuntimeError("carrier client not initialised")


class Maintenance(Base):
    def get(self):
        self.set_header("Retry-After", "120")
        self.err(503, "maintenance", "Shipments are read-only during the migration")


class Slow(Base):
    async def get(self):
        await asyncio.sleep(5)
        self.write({"ok": True})


class Upload(Base):
    def post(self):
        self.write({"received": len(self.request.body)})


def make_app():
    return tornado.web.Application([
        (r"/api/shipments/([^/]+)", Shipment),
        (r"/api/shipments", Shipments),
        (r"/api/admin/jobs", Admin),
        (r"/api/track", Track),
        (r"/api/boom", Boom),
        (r"/api/maintenance", Maintenance),
        (r"/api/slow", Slow),
        (r"/api/labels", Upload),
        (r"/track/(.*)", tornado.web.RedirectHandler, {"url": "/api/shipments/{0}", "permanent": True}),
    ], debug=False)


async def main(port):
    HTTPServer(make_app(), max_body_size=10 * 1024 * 1024).listen(port, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
