#!/usr/bin/env python3
"""Round 6's Python apps (capture-round6.sh), one per mode, on 127.0.0.1.

  apps6.py hug PORT        Hug 2.6 (on Falcon 2) under waitress
  apps6.py smorest PORT    Flask-Smorest under Werkzeug's own server
  apps6.py morepath PORT   Morepath under wsgiref (the standard library's server)
  apps6.py gateway PORT    an aiohttp reverse proxy that writes its own JSON
                           errors and stamps X-Request-Id on every response

Each app is a small orders API written the usual way for its framework, so the
error pages are the framework's own. /api/maint, /api/pay and /api/report make
some apps write pages that look like a proxy's.
"""

import sys

MAINT_HTML = """<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
</body>
</html>
"""

GATEWAY_TIMEOUT_HTML = """<html>
<head><title>504 Gateway Time-out</title></head>
<body>
<center><h1>504 Gateway Time-out</h1></center>
</body>
</html>
"""


def hug_app(port):
    import falcon
    import hug
    import waitress

    # hug's 404 lists the API with the module docstring as its overview
    sys.modules[__name__].__doc__ = "Orders API, version 1."

    @hug.get("/api/health")
    def health():
        return {"status": "ok"}

    @hug.get("/api/boom")
    def boom():
        raise RuntimeError("orders: connection pool exhausted")

    @hug.get("/api/users/{user_id}")
    def user(user_id: hug.types.number, response=None):
        response.status = falcon.HTTP_404
        return {"error": "no user with id %d" % user_id}

    @hug.get("/api/down")
    def down():
        raise falcon.HTTPServiceUnavailable(
            title="Service Unavailable", description="orders database under maintenance", retry_after=120)

    @hug.post("/api/orders")
    def orders(sku: hug.types.text, qty: hug.types.number):
        return {"sku": sku, "qty": qty}

    @hug.get("/api/search")
    def search(q: hug.types.text = ""):
        return {"q": q, "results": []}

    @hug.get("/api/maint", output=hug.output_format.html)
    def maint(response=None):
        response.status = falcon.HTTP_503
        return MAINT_HTML

    waitress.serve(hug.API(__name__).http.server(), host="127.0.0.1", port=port, threads=2,
                   ident="orders-api", _quiet=True)


def smorest_app(port):
    from flask import Flask
    from flask.views import MethodView
    from flask_smorest import Api, Blueprint, abort
    from marshmallow import Schema, fields, validate
    from werkzeug.serving import run_simple

    app = Flask("orders")
    app.config.update(API_TITLE="orders", API_VERSION="v1", OPENAPI_VERSION="3.0.3")
    api = Api(app)
    blp = Blueprint("orders", "orders", url_prefix="/api")

    class OrderSchema(Schema):
        sku = fields.String(required=True)
        qty = fields.Integer(required=True, validate=validate.Range(min=1))

    @blp.route("/orders")
    class Orders(MethodView):
        @blp.arguments(OrderSchema)
        @blp.response(201, OrderSchema)
        def post(self, order):
            return order

    @blp.route("/boom")
    def boom():
        raise RuntimeError("orders: nil")

    @blp.route("/users/<int:user_id>")
    def user(user_id):
        abort(404, message="no user with id %d" % user_id)

    @blp.route("/down")
    def down():
        abort(503, message="orders database under maintenance", headers={"Retry-After": "120"})

    @blp.route("/report")
    def report():
        return GATEWAY_TIMEOUT_HTML, 504, {"Content-Type": "text/html"}

    @blp.route("/health")
    def health():
        return {"status": "ok"}

    api.register_blueprint(blp)
    run_simple("127.0.0.1", port, app, threaded=True)


def morepath_app(port):
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    import morepath
    from webob import exc

    class App(morepath.App):
        pass

    class Root:
        pass

    class User:
        def __init__(self, user_id):
            self.user_id = user_id

    class Boom:
        pass

    class Down:
        pass

    @App.path(path="/api/health", model=Root)
    def get_root():
        return Root()

    @App.json(model=Root)
    def root_default(self, request):
        return {"status": "ok"}

    @App.path(path="/api/users/{user_id}", model=User, converters={"user_id": int})
    def get_user(user_id):
        return None if user_id == 7 else User(user_id)  # None: Morepath answers 404

    @App.json(model=User)
    def user_default(self, request):
        return {"id": self.user_id}

    @App.path(path="/api/boom", model=Boom)
    def get_boom():
        return Boom()

    @App.json(model=Boom)
    def boom_default(self, request):
        raise RuntimeError("orders: nil")

    @App.path(path="/api/down", model=Down)
    def get_down():
        return Down()

    @App.json(model=Down)
    def down_default(self, request):
        raise exc.HTTPServiceUnavailable(headers={"Retry-After": "60"})

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    morepath.autoscan()
    App.commit()
    make_server("127.0.0.1", port, App(), handler_class=Quiet).serve_forever()


def gateway_app(port):
    import asyncio
    import uuid

    import aiohttp
    from aiohttp import web

    routes = {}  # prefix -> upstream base URL, from argv: /prefix=http://...
    for arg in sys.argv[3:]:
        prefix, _, target = arg.partition("=")
        routes[prefix] = target

    @web.middleware
    async def request_id(request, handler):
        rid = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        request["rid"] = rid
        try:
            resp = await handler(request)
        except web.HTTPException as e:
            e.headers["X-Request-Id"] = rid
            raise
        resp.headers["X-Request-Id"] = rid
        return resp

    async def proxy(request):
        path = request.match_info["tail"]
        prefix = "/" + path.split("/", 1)[0]
        if prefix not in routes:
            raise web.HTTPNotFound()  # aiohttp's own "404: Not Found"
        rest = path[len(prefix) - 1:]
        url = routes[prefix] + rest + (("?" + request.query_string) if request.query_string else "")
        rid = request["rid"]
        timeout = aiohttp.ClientTimeout(total=2)
        try:
            async with aiohttp.ClientSession(timeout=timeout, auto_decompress=False) as s:
                async with s.request(request.method, url, data=await request.read(),
                                     headers={"X-Request-Id": rid}) as up:
                    body = await up.read()
                    headers = {k: v for k, v in up.headers.items()
                               if k.lower() not in ("transfer-encoding", "connection", "content-length", "date")}
                    return web.Response(status=up.status, body=body, headers=headers)
        except asyncio.TimeoutError:
            return web.json_response({"error": "upstream_timeout", "status": 504, "request_id": rid}, status=504)
        except aiohttp.ClientConnectionError as e:
            return web.json_response({"error": "bad_gateway", "status": 502, "detail": str(e).split(" [")[0],
                                      "request_id": rid}, status=502)

    app = web.Application(middlewares=[request_id])
    app.router.add_route("*", "/{tail:.*}", proxy)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mode, port = sys.argv[1], int(sys.argv[2])
    {"hug": hug_app, "smorest": smorest_app, "morepath": morepath_app, "gateway": gateway_app}[mode](port)


if __name__ == "__main__":
    main()
