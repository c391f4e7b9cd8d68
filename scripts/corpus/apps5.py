#!/usr/bin/env python3
"""Python apps for the round-5 evidence corpus (capture-round5.sh).

Frameworks and servers no earlier round used as the writer of a response.
Each app is a small orders API written the way a team would write it, so its
error pages are the framework's own. Every server binds 127.0.0.1 only:

  uvicorn apps5:connexion_app        Connexion 3 (RFC 9457 problem+json)
  python apps5.py drf PORT           Django REST framework on cheroot
  python apps5.py restx PORT         Flask-RESTX on pyruvate (a Rust WSGI server)
  python apps5.py webpy PORT         web.py on its own server

Routes (a prefix before /api/ is dropped where a proxy routes by path):
  /api/health 200;  /api/users/42 200, other ids the framework's 404
  /api/boom     an unhandled exception: the framework's (or server's) 500
  /api/down     the framework's 503 (its own error type, with a message)
  /api/pay      the APP's own JSON 502
  /api/maint    the APP's own HTML 503 page (looks like a proxy's)
  /api/report   the APP's own HTML 504 page (looks like a proxy's)
  /api/limited  (DRF) the framework's own 429 (Throttled)
  /api/legacy   (Connexion) HTML the spec does not declare: Connexion's 500
  /api/catalog  (web.py) a cacheable 200 with an ETag; it never answers 304
  /api/slow     answers after 5 s
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

TIMEOUT_HTML = """<html>
<head><title>504 Gateway Timeout</title></head>
<body>
<center><h1>504 Gateway Timeout</h1></center>
<p>The reporting backend did not answer in time.</p>
</body>
</html>
"""

PAY = {"error": {"code": "bad_gateway", "message": "payment provider returned an invalid response"}}
USER = {"id": 42, "name": "Ada"}
MAINTENANCE = "orders database under maintenance"
CATALOG = {"items": [{"sku": "SKU-1", "price": 12}, {"sku": "SKU-2", "price": 30}]}


def port_arg(text):
    port = int(text)
    if not 23000 <= port <= 23999:
        sys.exit("port must be in 23000-23999")
    return port


# ---------------------------------------------------------------- Connexion --
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "orders", "version": "1.0"},
    "paths": {
        "/api/health": {"get": {"operationId": "apps5.cx_health", "responses": {"200": {"description": "ok"}}}},
        "/api/users/{uid}": {"get": {
            "operationId": "apps5.cx_user",
            "parameters": [{"name": "uid", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "a user"}}}},
        "/api/boom": {"get": {"operationId": "apps5.cx_boom", "responses": {"200": {"description": "never"}}}},
        "/api/down": {"get": {"operationId": "apps5.cx_down", "responses": {"200": {"description": "never"}}}},
        "/api/pay": {"get": {"operationId": "apps5.cx_pay", "responses": {"200": {"description": "never"}}}},
        "/api/maint": {"get": {"operationId": "apps5.cx_maint", "responses": {
            "503": {"description": "maintenance page", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
        # an old route whose HTML answer the spec never declared
        "/api/legacy": {"get": {"operationId": "apps5.cx_legacy", "responses": {"200": {"description": "json"}}}},
        "/api/orders": {"post": {
            "operationId": "apps5.cx_order",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["sku", "qty"],
                "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}}},
            "responses": {"201": {"description": "created"}}}},
    },
}


def cx_health():
    return {"status": "ok"}


def cx_user(uid):
    from connexion.exceptions import ProblemException
    if uid == 42:
        return USER
    raise ProblemException(status=404, title="Not Found", detail="no user with id %d" % uid)


def cx_boom():
    raise RuntimeError("ledger connection lost")


def cx_down():
    from connexion.exceptions import ProblemException
    raise ProblemException(status=503, title="Service Unavailable", detail=MAINTENANCE,
                           headers={"Retry-After": "120"})


def cx_pay():
    return PAY, 502


def cx_maint():
    return DOWN_HTML, 503, {"Content-Type": "text/html"}


def cx_legacy():
    return DOWN_HTML.replace("503 Service Unavailable", "Orders"), 200, {"Content-Type": "text/html; charset=utf-8"}


def cx_order(body):
    return {"id": 1, **body}, 201


def make_connexion():
    import connexion
    app = connexion.FlaskApp(__name__)
    app.add_api(SPEC)
    return app


# -------------------------------------------------- Django REST framework --
def run_drf(port):
    import django
    from django.conf import settings
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        SECRET_KEY="corpus-round5-not-secret",
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
        MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
        REST_FRAMEWORK={"UNAUTHENTICATED_USER": None,
                        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]},
        LOGGING_CONFIG=None,
    )
    django.setup()
    from django.http import HttpResponse
    from django.urls import path
    from rest_framework import exceptions
    from rest_framework.decorators import api_view
    from rest_framework.response import Response

    @api_view(["GET"])
    def health(request):
        return Response({"status": "ok"})

    @api_view(["GET"])
    def user(request, uid):
        if uid == 42:
            return Response(USER)
        raise exceptions.NotFound("no user with id %d" % uid)

    @api_view(["GET"])
    def boom(request):
        raise exceptions.APIException()  # DRF's own 500 JSON

    @api_view(["GET"])
    def crash(request):
        raise RuntimeError("ledger connection lost")  # not DRF's: Django's 500

    class Unavailable(exceptions.APIException):  # the usual DRF way to a 503
        status_code = 503
        default_detail = "Service temporarily unavailable, try again later."
        default_code = "service_unavailable"

    @api_view(["GET"])
    def down(request):
        raise Unavailable(MAINTENANCE)

    @api_view(["GET"])
    def limited(request):
        raise exceptions.Throttled(wait=60)

    @api_view(["POST"])
    def orders(request):
        return Response({"id": 1, "sku": request.data.get("sku")}, status=201)

    @api_view(["GET"])
    def pay(request):
        return Response(PAY, status=502)

    def maint(request):
        return HttpResponse(DOWN_HTML, status=503, content_type="text/html; charset=utf-8")

    global urlpatterns
    urlpatterns = [
        path("api/health", health), path("api/users/<int:uid>", user), path("api/boom", boom),
        path("api/crash", crash), path("api/down", down), path("api/limited", limited),
        path("api/orders", orders), path("api/pay", pay), path("api/maint", maint),
    ]
    from cheroot import wsgi
    from django.core.wsgi import get_wsgi_application
    server = wsgi.Server(("127.0.0.1", port), get_wsgi_application(), numthreads=4)
    server.max_request_body_size = 4096
    try:
        server.start()
    finally:
        server.stop()


# ------------------------------------------------------- Flask-RESTX --------
def make_restx():
    from flask import Flask
    from flask_restx import Api, Resource, abort

    app = Flask("orders")
    app.config["ERROR_404_HELP"] = False
    api = Api(app, prefix="/api", doc=False)

    @api.route("/health")
    class Health(Resource):
        def get(self):
            return {"status": "ok"}

    @api.route("/users/<int:uid>")
    class User(Resource):
        def get(self, uid):
            if uid == 42:
                return USER
            abort(404, "no user with id %d" % uid)

    @api.route("/boom")
    class Boom(Resource):
        def get(self):
            raise RuntimeError("ledger connection lost")

    @api.route("/down")
    class Down(Resource):
        def get(self):
            abort(503, MAINTENANCE)

    @api.route("/pay")
    class Pay(Resource):
        def get(self):
            return PAY, 502

    @app.route("/api/report")
    def report():
        return TIMEOUT_HTML, 504, {"Content-Type": "text/html"}

    return app


def run_restx(port):
    import pyruvate
    pyruvate.serve(make_restx(), "127.0.0.1:%d" % port, 2)


# ------------------------------------------------------------------ web.py --
def run_webpy(port):
    import web

    urls = ("/api/health", "Health", "/api/users/(\\d+)", "User", "/api/boom", "Boom",
            "/api/down", "Down", "/api/report", "Report", "/api/catalog", "Catalog",
            "/api/slow", "Slow")

    class Health:
        def GET(self):
            web.header("Content-Type", "application/json")
            return json.dumps({"status": "ok"})

    class User:
        def GET(self, uid):
            if uid == "42":
                web.header("Content-Type", "application/json")
                return json.dumps(USER)
            raise web.notfound()

    class Boom:
        def GET(self):
            raise RuntimeError("ledger connection lost")

    class Down:
        def GET(self):
            raise web.HTTPError("503 Service Unavailable", {"Content-Type": "text/plain"}, MAINTENANCE)

    class Report:
        def GET(self):
            raise web.HTTPError("504 Gateway Timeout", {"Content-Type": "text/html"}, TIMEOUT_HTML)

    class Catalog:  # cacheable; never checks If-None-Match, so a 304 is the cache's
        def GET(self):
            web.header("Content-Type", "application/json")
            web.header("Cache-Control", "public, max-age=2")
            web.header("ETag", '"catalog-v7"')
            return json.dumps(CATALOG)

    class Slow:
        def GET(self):
            time.sleep(5)
            return "late"

    web.config.debug = False
    g = {"Health": Health, "User": User, "Boom": Boom, "Down": Down, "Report": Report,
         "Catalog": Catalog, "Slow": Slow}
    app = web.application(urls, g, autoreload=False)
    web.httpserver.runsimple(app.wsgifunc(), ("127.0.0.1", port))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mode, port = sys.argv[1], port_arg(sys.argv[2])
    {"drf": run_drf, "restx": run_restx, "webpy": run_webpy}[mode](port)


if __name__ == "__main__":
    main()
else:
    try:
        connexion_app = make_connexion()
    except ImportError:  # the module is also imported by other servers
        pass
