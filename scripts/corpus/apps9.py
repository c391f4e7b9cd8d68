"""Round-9 corpus apps (capture-round9.sh): the orders API on Django Ninja
(under daphne), on Pecan (under waitress) and on Klein (Twisted).

  python apps9.py ninja PORT
  python apps9.py pecan PORT
  python apps9.py klein PORT

Routes: /api/health, /api/orders/<id> (404 the view writes), POST /api/orders
(a JSON body with sku and qty), /api/boom (an exception), /api/down (JSON 503
+ Retry-After), /api/limited (JSON 429), /api/maint (an HTML 503 that copies
nginx's page), /api/report (an HTML 504 of the app's own). Binds 127.0.0.1.
"""

import json
import sys

NGINX_503 = ("<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
             "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n"
             "</body>\r\n</html>\r\n")
HTML_504 = ("<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head>\n<body><h1>Gateway Timeout</h1>\n"
            "<p>The upstream server did not respond in time.</p></body></html>\n")
DOWN = {"error": "service_unavailable", "message": "orders database is in maintenance"}
LIMITED = {"error": "rate_limited", "message": "slow down"}


def ninja(port):
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="corpus-round9-not-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.contenttypes", "ninja"],
        MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
        DATABASES={},
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        LOGGING_CONFIG=None,
    )
    django.setup()
    from django.http import HttpResponse, JsonResponse
    from django.urls import path
    from ninja import NinjaAPI, Schema
    from ninja.errors import HttpError
    from ninja.throttling import AnonRateThrottle

    api = NinjaAPI(title="orders")

    class NewOrder(Schema):
        sku: str
        qty: int

    @api.get("/health")
    def health(request):
        return {"status": "ok"}

    @api.get("/orders/{oid}")
    def order(request, oid: int):
        raise HttpError(404, "order %d not found" % oid)

    @api.post("/orders")
    def create(request, body: NewOrder):
        return 201, {"sku": body.sku, "status": "accepted"}

    @api.get("/boom")
    def boom(request):
        raise RuntimeError("ledger total mismatch")

    @api.get("/down")
    def down(request):
        r = JsonResponse(DOWN, status=503)
        r["Retry-After"] = "30"
        return r

    @api.get("/unavailable")
    def unavailable(request):
        raise HttpError(503, "orders database is in maintenance")

    @api.get("/limited", throttle=[AnonRateThrottle("1/m")])
    def limited(request):
        return {"status": "ok"}

    @api.get("/maint")
    def maint(request):
        return HttpResponse(NGINX_503, status=503, content_type="text/html")

    @api.get("/report")
    def report(request):
        return HttpResponse(HTML_504, status=504, content_type="text/html")

    globals()["urlpatterns"] = [path("api/", api.urls)]
    from daphne.endpoints import build_endpoint_description_strings
    from daphne.server import Server
    from django.core.asgi import get_asgi_application

    Server(application=get_asgi_application(),
           endpoints=build_endpoint_description_strings(host="127.0.0.1", port=port)).run()


def pecan_app(port):
    import pecan
    from pecan import abort, expose, response
    from pecan.rest import RestController
    from waitress import serve

    class Orders(RestController):
        @expose("json")
        def get_one(self, oid):
            abort(404, "order %s not found" % oid)

        @expose("json")
        def post(self):
            body = pecan.request.json
            if "sku" not in body:
                abort(400, "sku is required")
            response.status = 201
            return {"sku": body["sku"], "status": "accepted"}

    class Api:
        orders = Orders()

        @expose("json")
        def health(self):
            return {"status": "ok"}

        @expose()
        def boom(self):
            raise RuntimeError("ledger total mismatch")

        @expose("json")
        def down(self):
            response.status = 503
            response.headers["Retry-After"] = "30"
            return DOWN

        @expose()
        def unavailable(self):
            abort(503)

        @expose("json")
        def limited(self):
            response.status = 429
            return LIMITED

        @expose(content_type="text/html")
        def maint(self):
            response.status = 503
            return NGINX_503

        @expose(content_type="text/html")
        def report(self):
            response.status = 504
            return HTML_504

    class Root:
        api = Api()

    app = pecan.make_app(Root(), debug=False, logging={})
    serve(app, host="127.0.0.1", port=port, threads=2, _quiet=True)


def klein_app(port):
    from klein import Klein
    from twisted.internet import endpoints, reactor
    from twisted.web.server import Site

    app = Klein()

    def js(request, status, obj):
        request.setResponseCode(status)
        request.setHeader(b"Content-Type", b"application/json")
        return json.dumps(obj).encode()

    @app.route("/api/health")
    def health(request):
        return js(request, 200, {"status": "ok"})

    @app.route("/api/orders/<int:oid>", methods=["GET"])
    def order(request, oid):
        return js(request, 404, {"error": "not_found", "message": "order %d not found" % oid})

    @app.route("/api/boom")
    def boom(request):
        raise RuntimeError("ledger total mismatch")

    @app.route("/api/down")
    def down(request):
        request.setHeader(b"Retry-After", b"30")
        return js(request, 503, DOWN)

    @app.route("/api/limited")
    def limited(request):
        return js(request, 429, LIMITED)

    @app.route("/api/maint")
    def maint(request):
        request.setResponseCode(503)
        request.setHeader(b"Content-Type", b"text/html")
        return NGINX_503.encode()

    @app.route("/api/report")
    def report(request):
        request.setResponseCode(504)
        request.setHeader(b"Content-Type", b"text/html")
        return HTML_504.encode()

    site = Site(app.resource())
    site.displayTracebacks = False
    endpoints.TCP4ServerEndpoint(reactor, port, interface="127.0.0.1").listen(site)
    reactor.run()


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    {"ninja": ninja, "pecan": pecan_app, "klein": klein_app}[mode](port)
