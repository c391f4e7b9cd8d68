#!/usr/bin/env python3
"""Python apps for the round-4 evidence corpus (capture-round4.sh).

Frameworks and servers no earlier round used. Each app is a small orders API
written the way a team would write it, so its error pages are the framework's
own. Every server binds 127.0.0.1 only:

  python apps4.py twisted PORT PROXYPORT [TLSPORT CERT KEY]
                                     Twisted Web (twisted.web.server.Site) on
                                     PORT; on PROXYPORT a reverse proxy built
                                     from twisted.web.proxy.ReverseProxyResource;
                                     on TLSPORT the app again over TLS (h2 by ALPN)
  python apps4.py pyramid PORT       Pyramid 2 on gevent's WSGIServer
  python apps4.py robyn PORT         Robyn (its own Rust server)
  hypercorn apps4:quart_app          Quart
  uvicorn apps4:litestar_app         Litestar
  uvicorn apps4:blacksheep_app       BlackSheep

Routes (a prefix before /api/ is dropped where a proxy routes by path):
  /api/health 200;  /api/users/42 200, other ids the framework's 404
  /api/boom    an unhandled exception: the framework's (or server's) 500
  /api/down    the framework's 503 (its own error type, with a message)
  /api/pay     the APP's own JSON 502
  /api/maint   the APP's own HTML 503 page (looks like a proxy's)
  /api/slow    answers after 5 s
"""

import json
import sys
import time

DOWN_HTML = """<!DOCTYPE html>
<html>
<head><title>503 Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>The orders service is temporarily unable to handle your request. Please try again later.</p>
</body>
</html>
"""

PAY = {"error": {"code": "bad_gateway", "message": "payment provider returned an invalid response"}}
USER = {"id": 42, "name": "Ada"}
MAINTENANCE = "orders database under maintenance"


def strip_prefix(path):
    i = path.find("/api/")
    return path[i:] if i > 0 else path


def port_arg(text):
    port = int(text)
    if not 22000 <= port <= 22999:
        sys.exit("port must be in 22000-22999")
    return port


# ------------------------------------------------------------------ Twisted --
def run_twisted(port, proxy_port, tls=None):
    from twisted.internet import endpoints, reactor
    from twisted.web import proxy, resource, server

    class Leaf(resource.Resource):
        isLeaf = True

        def __init__(self, fn):
            super().__init__()
            self.fn = fn

        def render_GET(self, request):
            return self.fn(request)

    def health(request):
        request.setHeader(b"content-type", b"application/json")
        return json.dumps({"status": "ok"}).encode()

    def boom(request):
        raise RuntimeError("ledger connection lost")

    def pay(request):
        request.setResponseCode(502)
        request.setHeader(b"content-type", b"application/json")
        return json.dumps(PAY).encode()

    def maint(request):
        request.setResponseCode(503)
        request.setHeader(b"content-type", b"text/html; charset=utf-8")
        request.setHeader(b"retry-after", b"120")
        return DOWN_HTML.encode()

    def user(request):
        request.setHeader(b"content-type", b"application/json")
        return json.dumps(USER).encode()

    class Users(resource.Resource):
        def getChild(self, name, request):
            if name == b"42":
                return Leaf(user)
            return resource.NoResource("No such user.")

    api = resource.Resource()
    api.putChild(b"health", Leaf(health))
    api.putChild(b"boom", Leaf(boom))
    api.putChild(b"pay", Leaf(pay))
    api.putChild(b"maint", Leaf(maint))
    api.putChild(b"down", resource.ErrorPage(503, "Service Unavailable", MAINTENANCE))
    api.putChild(b"users", Users())
    root = resource.Resource()
    root.putChild(b"api", api)
    site = server.Site(root)
    endpoints.TCP4ServerEndpoint(reactor, port, interface="127.0.0.1").listen(site)

    # the reverse proxy: routes by prefix, adds nothing of its own
    front = resource.Resource()
    for name, target in ((b"dead", 22009), (b"hapi", 22060), (b"twisted", port), (b"slow", 22001)):
        front.putChild(name, proxy.ReverseProxyResource("127.0.0.1", target, b""))
    endpoints.TCP4ServerEndpoint(reactor, proxy_port, interface="127.0.0.1").listen(server.Site(front))

    if tls:
        tls_port, cert, key = tls
        desc = "ssl:%d:interface=127.0.0.1:privateKey=%s:certKey=%s" % (port_arg(tls_port), key, cert)
        endpoints.serverFromString(reactor, desc).listen(site)
    reactor.run()


# ------------------------------------------------------ Pyramid on gevent --
def run_pyramid(port):
    from gevent import monkey

    monkey.patch_all()
    from gevent.pywsgi import WSGIServer
    from pyramid.config import Configurator
    from pyramid.httpexceptions import HTTPNotFound, HTTPServiceUnavailable
    from pyramid.response import Response

    def health(request):
        return {"status": "ok"}

    def user(request):
        if request.matchdict["uid"] != "42":
            raise HTTPNotFound("no such user")
        return USER

    def boom(request):
        raise RuntimeError("ledger connection lost")

    def down(request):
        raise HTTPServiceUnavailable(MAINTENANCE)

    def pay(request):
        request.response.status_int = 502
        return PAY

    def maint(request):
        return Response(DOWN_HTML, status=503, content_type="text/html", headers={"Retry-After": "120"})

    with Configurator() as config:
        for name, pattern, view, renderer in (
                ("health", "/api/health", health, "json"), ("user", "/api/users/{uid}", user, "json"),
                ("boom", "/api/boom", boom, None), ("down", "/api/down", down, None),
                ("pay", "/api/pay", pay, "json"), ("maint", "/api/maint", maint, None)):
            config.add_route(name, pattern)
            config.add_view(view, route_name=name, renderer=renderer)
        app = config.make_wsgi_app()

    def prefixed(environ, start_response):
        environ["PATH_INFO"] = strip_prefix(environ.get("PATH_INFO", ""))
        return app(environ, start_response)

    WSGIServer(("127.0.0.1", port), prefixed, log=None).serve_forever()


# -------------------------------------------------------------------- Robyn --
def run_robyn(port):
    from robyn import Robyn, Response

    app = Robyn(__file__)

    @app.get("/api/health")
    def health(request):
        return {"status": "ok"}

    @app.get("/api/users/:uid")
    def user(request):
        if request.path_params["uid"] != "42":
            return Response(status_code=404, headers={"Content-Type": "application/json"},
                            description=json.dumps({"error": "user not found"}))
        return USER

    @app.get("/api/boom")
    def boom(request):
        raise RuntimeError("ledger connection lost")

    @app.get("/api/pay")
    def pay(request):
        return Response(status_code=502, headers={"Content-Type": "application/json"},
                        description=json.dumps(PAY))

    app.start(host="127.0.0.1", port=port)


# -------------------------------------------------------------------- Quart --
def make_quart():
    from quart import Quart, abort

    app = Quart("orders")

    @app.get("/api/health")
    async def health():
        return {"status": "ok"}

    @app.get("/api/users/<uid>")
    async def user(uid):
        if uid != "42":
            abort(404)
        return USER

    @app.get("/api/boom")
    async def boom():
        raise RuntimeError("ledger connection lost")

    @app.get("/api/down")
    async def down():
        abort(503)

    @app.get("/api/pay")
    async def pay():
        return PAY, 502

    @app.get("/api/maint")
    async def maint():
        return DOWN_HTML, 503, {"Retry-After": "120"}

    return app


# ----------------------------------------------------------------- Litestar --
def make_litestar():
    from litestar import Litestar, MediaType, Response, get
    from litestar.exceptions import NotFoundException, ServiceUnavailableException

    @get("/api/health")
    async def health() -> dict:
        return {"status": "ok"}

    @get("/api/users/{uid:str}")
    async def user(uid: str) -> dict:
        if uid != "42":
            raise NotFoundException("no such user")
        return USER

    @get("/api/boom")
    async def boom() -> dict:
        raise RuntimeError("ledger connection lost")

    @get("/api/down")
    async def down() -> dict:
        raise ServiceUnavailableException(MAINTENANCE)

    @get("/api/pay")
    async def pay() -> Response:
        return Response(PAY, status_code=502)

    @get("/api/maint", media_type=MediaType.HTML)
    async def maint() -> Response:
        return Response(DOWN_HTML, status_code=503, media_type=MediaType.HTML,
                        headers={"Retry-After": "120"})

    return Litestar([health, user, boom, down, pay, maint], debug=False)


# --------------------------------------------------------------- BlackSheep --
def make_blacksheep():
    from blacksheep import Application, json as bjson
    from blacksheep.exceptions import HTTPException, NotFound

    app = Application(show_error_details=False)

    @app.router.get("/api/health")
    async def health():
        return bjson({"status": "ok"})

    @app.router.get("/api/users/{uid}")
    async def user(uid: str):
        if uid != "42":
            raise NotFound()
        return bjson(USER)

    @app.router.get("/api/boom")
    async def boom():
        raise RuntimeError("ledger connection lost")

    @app.router.get("/api/down")
    async def down():
        raise HTTPException(503, MAINTENANCE)

    @app.router.get("/api/pay")
    async def pay():
        return bjson(PAY, status=502)

    return app


def _asgi(make):
    holder = {}

    async def app(scope, receive, send):
        if "app" not in holder:
            holder["app"] = make()
        if scope["type"] == "http":
            scope = dict(scope, path=strip_prefix(scope["path"]), raw_path=strip_prefix(
                scope["path"]).encode())
        await holder["app"](scope, receive, send)

    return app


quart_app = _asgi(make_quart)
litestar_app = _asgi(make_litestar)
blacksheep_app = _asgi(make_blacksheep)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mode, port = sys.argv[1], port_arg(sys.argv[2])
    if mode == "twisted" and len(sys.argv) in (4, 7):
        run_twisted(port, port_arg(sys.argv[3]), tuple(sys.argv[4:7]) or None)
    elif mode == "pyramid" and len(sys.argv) == 3:
        run_pyramid(port)
    elif mode == "robyn" and len(sys.argv) == 3:
        run_robyn(port)
    else:
        sys.exit(__doc__)
