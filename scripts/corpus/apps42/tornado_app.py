"""Round-42 corpus: a shipments API on Tornado, run directly (`python
tornado_app.py PORT`), behind nginx. JSON errors from the handlers; Tornado's
own HTML pages for what it answers itself (no route, an uncaught exception,
a method the handler lacks, an XSRF check)."""
import asyncio
import json
import sys

import tornado.web


class Base(tornado.web.RequestHandler):
    def check_xsrf_cookie(self):  # the JSON API is exempt from the XSRF check
        pass

    def err(self, status, code, message, **extra):
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps({"error": code, "message": message, **extra}))


class Shipment(Base):
    def get(self, sid):
        if sid != "SH-1":
            return self.err(404, "shipment_not_found", "No shipment " + sid)
        self.write({"id": "SH-1", "state": "in_transit"})


class Shipments(Base):
    def post(self):
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            return self.err(400, "invalid_json", "Request body is not valid JSON")
        if not body.get("postcode"):
            return self.err(422, "validation_failed", "postcode is required", fields=["postcode"])
        self.set_status(201)
        self.write({"id": "SH-2"})


class Labels(Base):
    def get(self):
        if not self.request.headers.get("Authorization"):
            self.set_header("WWW-Authenticate", 'Bearer realm="shipping"')
            return self.err(401, "unauthorized", "Missing bearer token")
        self.err(403, "forbidden", "Token lacks scope labels:print")


class Quote(Base):
    def get(self):
        self.set_header("Retry-After", "20")
        self.err(429, "rate_limited", "Quote API allows 10 requests per minute")


class Boom(Base):
    def get(self):
        return {"carrier": None}["carrier"]["name"]


class Raise503(Base):
    def get(self):
        raise tornado.web.HTTPError(503)


class Maintenance(Base):
    def get(self):
        self.set_header("Retry-After", "300")
        self.err(503, "maintenance", "Carrier sync is paused for maintenance")


class Slow(Base):
    async def get(self):
        await asyncio.sleep(5)
        self.write({"status": "late"})


class Hangup(Base):
    async def get(self):
        await asyncio.sleep(0.2)
        self.request.connection.stream.close()  # the connection drops mid-request


class Track(Base):
    def get(self, code):
        self.redirect("/api/shipments/" + code, permanent=True)


class Form(tornado.web.RequestHandler):  # the account form keeps the XSRF check

    def post(self):
        self.write({"ok": True})


def main():
    app = tornado.web.Application(
        [
            (r"/api/shipments/([^/]+)", Shipment),
            (r"/api/shipments", Shipments),
            (r"/api/labels", Labels),
            (r"/api/quote", Quote),
            (r"/api/boom", Boom),
            (r"/api/unavailable", Raise503),
            (r"/api/maintenance", Maintenance),
            (r"/api/slow", Slow),
            (r"/api/hangup", Hangup),
            (r"/track/([^/]+)", Track),
            (r"/account/address", Form),
        ],
        xsrf_cookies=True,
    )
    app.listen(int(sys.argv[1]), address="127.0.0.1")
    asyncio.get_event_loop().run_forever()


if __name__ == "__main__":
    asyncio.set_event_loop(asyncio.new_event_loop())
    main()
