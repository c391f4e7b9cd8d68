"""Round 7's Python apps (see capture-round7.sh).

  APPS7=emmett emmett -a apps7 serve -h 127.0.0.1 -p PORT
      an orders API on Emmett (served by Granian, as `emmett serve` does)
  python apps7.py tornado-gateway PORT PREFIX=URL...
      an API gateway on Tornado: AsyncHTTPClient to the upstreams, its own
      JSON errors with the request id inside, and an API-key check in front
      of /partner (its own 401/403)

Every server binds 127.0.0.1 only.
"""

import json
import os
import sys
import uuid

MAINT_HTML = """<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
</body>
</html>
"""

BAD_GATEWAY_HTML = """<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1><p>The server received an invalid response from an upstream server.</p></body></html>
"""

if os.environ.get("APPS7") == "emmett":
    from emmett import App, abort, request, response
    from emmett.tools import service

    app = App(__name__)

    @app.route("/api/health", methods=["get"])
    @service.json
    async def health():
        return {"status": "ok"}

    @app.route("/api/users/<int:uid>", methods=["get"])
    @service.json
    async def user(uid):
        response.status = 404
        return {"error": "user not found", "id": uid}

    @app.route("/api/orders/<int:oid>", methods=["get"])
    async def order(oid):
        abort(404)

    @app.route("/api/boom")
    async def boom():
        raise RuntimeError("orders: database is locked")

    @app.route("/api/down")
    @service.json
    async def down():
        response.status = 503
        response.headers["Retry-After"] = "30"
        return {"error": "orders database unavailable"}

    @app.route("/api/maint")
    async def maint():
        response.status = 503
        response.content_type = "text/html"
        return MAINT_HTML

    @app.route("/api/pay")
    async def pay():
        response.status = 502
        response.content_type = "text/html"
        return BAD_GATEWAY_HTML

    @app.route("/api/orders", methods=["post"])
    @service.json
    async def create():
        body = await request.body_params
        if not body.get("sku"):
            response.status = 422
            return {"errors": {"sku": "is required"}}
        return {"id": "ord-1"}


def tornado_gateway(port, routes):
    import asyncio

    import tornado.httpclient
    import tornado.web

    table = [r.split("=", 1) for r in routes]
    client = tornado.httpclient.AsyncHTTPClient()

    class Proxy(tornado.web.RequestHandler):
        def prepare(self):
            self.rid = self.request.headers.get("X-Request-Id") or uuid.uuid4().hex
            self.set_header("X-Request-Id", self.rid)

        def fail(self, status, code, message):
            self.set_status(status)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": {"code": code, "message": message, "request_id": self.rid}}))

        async def handle(self, *_):
            path = self.request.uri
            if path.startswith("/partner/"):
                key = self.request.headers.get("X-Api-Key")
                if not key:
                    self.set_header("WWW-Authenticate", 'ApiKey realm="partners"')
                    return self.fail(401, "missing_api_key", "an X-Api-Key header is required")
                if key != "partner-good":
                    return self.fail(403, "invalid_api_key", "this API key is not allowed here")
                path = path[len("/partner"):]
            for prefix, target in table:
                if path.startswith(prefix + "/"):
                    break
            else:
                raise tornado.web.HTTPError(404)
            req = tornado.httpclient.HTTPRequest(
                target + path[len(prefix):], method=self.request.method,
                headers={"X-Request-Id": self.rid, "Accept": self.request.headers.get("Accept", "*/*")},
                body=self.request.body or None, allow_nonstandard_methods=True,
                request_timeout=2, connect_timeout=2)
            try:
                resp = await client.fetch(req, raise_error=False)
            except ConnectionRefusedError:
                return self.fail(502, "upstream_unavailable", "could not connect to the upstream")
            except tornado.httpclient.HTTPClientError as e:
                if e.code == 599:
                    return self.fail(504, "upstream_timeout", "the upstream did not answer in 2 s")
                raise
            if resp.code == 599:
                if isinstance(resp.error, ConnectionRefusedError):
                    return self.fail(502, "upstream_unavailable", "could not connect to the upstream")
                return self.fail(504, "upstream_timeout", "the upstream did not answer in 2 s")
            self.set_status(resp.code, resp.reason)
            for k, v in resp.headers.get_all():
                if k.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                    self.add_header(k, v)
            if resp.body:
                self.write(resp.body)

        get = post = put = delete = patch = handle

    appl = tornado.web.Application([(r"/.*", Proxy)])

    async def main():
        appl.listen(port, address="127.0.0.1")
        await asyncio.Event().wait()

    asyncio.run(main())


if __name__ == "__main__":
    if sys.argv[1] == "tornado-gateway":
        tornado_gateway(int(sys.argv[2]), sys.argv[3:])
    else:
        sys.exit("usage: apps7.py tornado-gateway PORT PREFIX=URL...")
