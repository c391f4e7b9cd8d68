#!/usr/bin/env python3
"""Python apps for the round-3 evidence corpus (capture-round3.sh).

Frameworks and servers rounds 1 and 2 never saw. Each app is a small orders
API written the way a team would write it, so its error pages are the
framework's own. Every server binds 127.0.0.1 only:

  python3 apps3.py cherrypy PORT        CherryPy (its own server, cheroot)
  python3 apps3.py bottle PORT          Bottle on wsgiref (the stdlib server)
  python3 apps3.py sanic PORT           Sanic, single process
  uwsgi ... --module apps3:falcon_app   Falcon 4 (WSGI) under uWSGI
  uwsgi ... --module apps3:no_such_app  a module uWSGI cannot load
  daphne / granian apps3:starlette_app  Starlette alone (ASGI)

Routes (a prefix before /api/ is dropped where a proxy routes by path):
  /api/health 200;  /api/users/42 200, other ids the framework's 404
  /api/boom    an unhandled exception: the framework's (or server's) 500
  /api/down    the APP's own 503 (HTML or the framework's error type)
  /api/pay     the APP's own JSON 502
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


def strip_prefix(path):
    i = path.find("/api/")
    return path[i:] if i > 0 else path


# ---------------------------------------------------------------- CherryPy --
def run_cherrypy(port):
    import cherrypy

    class Users:
        @cherrypy.expose
        @cherrypy.tools.json_out()
        def default(self, uid):
            if uid != "42":
                raise cherrypy.NotFound()
            return {"id": 42, "name": "Ada"}

    class Api:
        users = Users()

        @cherrypy.expose
        @cherrypy.tools.json_out()
        def health(self):
            return {"status": "ok"}

        @cherrypy.expose
        def boom(self):
            raise RuntimeError("ledger connection lost")

        @cherrypy.expose
        def down(self):
            raise cherrypy.HTTPError(503, "The orders database is under maintenance.")

        @cherrypy.expose
        def pay(self):
            cherrypy.response.status = 502
            cherrypy.response.headers["Content-Type"] = "application/json"
            return json.dumps(PAY).encode()

    class Root:
        api = Api()

    cherrypy.config.update({"server.socket_host": "127.0.0.1", "server.socket_port": port,
                            "environment": "production", "log.screen": False,
                            "request.show_tracebacks": False})
    cherrypy.quickstart(Root(), "/")


# ------------------------------------------------------------------ Bottle --
def run_bottle(port):
    import bottle

    app = bottle.Bottle()

    @app.get("/api/health")
    def health():
        return {"status": "ok"}

    @app.get("/api/users/<uid>")
    def user(uid):
        if uid != "42":
            bottle.abort(404, "no such user")
        return {"id": 42, "name": "Ada"}

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("ledger connection lost")

    @app.get("/api/down")
    def down():
        bottle.abort(503, "The orders database is under maintenance.")

    @app.get("/api/pay")
    def pay():
        bottle.response.status = 502
        return PAY

    bottle.run(app, host="127.0.0.1", port=port, server="wsgiref", quiet=True)


# ------------------------------------------------------------------ Falcon --
def make_falcon():
    import falcon

    class Health:
        def on_get(self, req, resp):
            resp.media = {"status": "ok"}

    class User:
        def on_get(self, req, resp, uid):
            if uid != "42":
                raise falcon.HTTPNotFound(description="no such user")
            resp.media = {"id": 42, "name": "Ada"}

    class Boom:
        def on_get(self, req, resp):
            raise RuntimeError("ledger connection lost")

    class Down:
        def on_get(self, req, resp):
            raise falcon.HTTPServiceUnavailable(description="orders database under maintenance",
                                                retry_after=120)

    class Pay:
        def on_get(self, req, resp):
            resp.status = falcon.HTTP_502
            resp.media = PAY

    class Slow:
        def on_get(self, req, resp):
            time.sleep(5)
            resp.media = {"status": "late"}

    class Orders:
        def on_post(self, req, resp):
            body = req.get_media()
            resp.status = falcon.HTTP_201
            resp.media = {"id": 7, "sku": body.get("sku")}

    app = falcon.App()
    app.add_route("/api/health", Health())
    app.add_route("/api/users/{uid}", User())
    app.add_route("/api/boom", Boom())
    app.add_route("/api/down", Down())
    app.add_route("/api/pay", Pay())
    app.add_route("/api/slow", Slow())
    app.add_route("/api/orders", Orders())
    return app


_falcon = None


def falcon_app(environ, start_response):
    global _falcon
    if _falcon is None:
        _falcon = make_falcon()
    environ["PATH_INFO"] = strip_prefix(environ.get("PATH_INFO", ""))
    return _falcon(environ, start_response)


# --------------------------------------------------------------- Starlette --
def make_starlette():
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Route

    async def health(request):
        return JSONResponse({"status": "ok"})

    async def user(request):
        if request.path_params["uid"] != "42":
            raise HTTPException(404)
        return JSONResponse({"id": 42, "name": "Ada"})

    async def boom(request):
        raise RuntimeError("ledger connection lost")

    async def down(request):
        return HTMLResponse(DOWN_HTML, 503, {"Retry-After": "120"})

    async def pay(request):
        return JSONResponse(PAY, 502)

    return Starlette(routes=[Route("/api/health", health), Route("/api/users/{uid}", user),
                             Route("/api/boom", boom), Route("/api/down", down),
                             Route("/api/pay", pay)])


_starlette = None


async def starlette_app(scope, receive, send):
    global _starlette
    if _starlette is None:
        _starlette = make_starlette()
    if scope["type"] == "http":
        scope = dict(scope, path=strip_prefix(scope["path"]))
    await _starlette(scope, receive, send)


# ------------------------------------------------------------------- Sanic --
def run_sanic(port):
    from sanic import Sanic
    from sanic.exceptions import NotFound, ServiceUnavailable
    from sanic.response import json as sjson

    app = Sanic("orders")
    app.config.FALLBACK_ERROR_FORMAT = "auto"

    @app.get("/api/health")
    async def health(request):
        return sjson({"status": "ok"})

    @app.get("/api/users/<uid>")
    async def user(request, uid):
        if uid != "42":
            raise NotFound("no such user")
        return sjson({"id": 42, "name": "Ada"})

    @app.get("/api/boom")
    async def boom(request):
        raise RuntimeError("ledger connection lost")

    @app.get("/api/down")
    async def down(request):
        raise ServiceUnavailable("orders database under maintenance")

    @app.get("/api/pay")
    async def pay(request):
        return sjson(PAY, status=502)

    app.run(host="127.0.0.1", port=port, single_process=True, access_log=False, motd=False)


if __name__ == "__main__":
    runners = {"cherrypy": run_cherrypy, "bottle": run_bottle, "sanic": run_sanic}
    if len(sys.argv) != 3 or sys.argv[1] not in runners or not 20000 <= int(sys.argv[2]) <= 20999:
        sys.exit(__doc__)
    runners[sys.argv[1]](int(sys.argv[2]))
