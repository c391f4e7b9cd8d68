#!/usr/bin/env python3
"""Framework apps for the round-2 evidence corpus (capture-round2.sh).

Each app is a small orders API written the way a team would write it with
that framework, so its own error pages are the framework's real ones.
Run them under real app servers; every one binds 127.0.0.1 only:

  gunicorn  --chdir scripts/corpus 'apps2:make_flask()'    (Flask, Server: gunicorn)
  gunicorn  --chdir scripts/corpus apps2:raw_wsgi      (bare WSGI: gunicorn's own pages)
  waitress-serve --call apps2:django_app               (Django, Server: waitress)
  uvicorn / hypercorn apps2:fastapi_app                (FastAPI / Starlette)
  python3 apps2.py tornado PORT                        (Tornado's own server)
  python3 apps2.py aiohttp PORT                        (aiohttp's own server)

Routes common to all (under /api/):
  /api/health          200 JSON
  /api/users/42        200 JSON;   /api/users/<other>  the framework's 404
  /api/boom            an unhandled exception: the framework's 500
  /api/down            the APP's own HTML 503 page (looks like a proxy page)
  /api/pay             the APP's own 502 JSON (a payment provider failed)
  /api/report          the APP's own 504 (a reporting backend timed out)
  /api/problem         RFC 9457 problem details, status 500
  /api/catalog         cacheable 200: ETag + Cache-Control: public, max-age=1
"""

import json
import os
import sys
import uuid

DOWN_HTML = """<!DOCTYPE html>
<html>
<head><title>503 Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>The orders service is temporarily unable to handle your request. Please try again later.</p>
</body>
</html>
"""

REPORT_HTML = """<html><head><title>504 Gateway Timeout</title></head>
<body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>
"""

PAY_JSON = {"error": {"code": "bad_gateway",
                      "message": "payment provider returned an invalid response"}}

PROBLEM = {"type": "https://orders.example.test/problems/internal",
           "title": "Internal Server Error",
           "status": 500,
           "detail": "the order ledger could not be read",
           "instance": "/api/problem"}

CATALOG = {"items": [{"sku": "SKU-00001", "price": 12.5}, {"sku": "SKU-00002", "price": 3.0}]}
CATALOG_ETAG = '"catalog-v7"'


def rid_from(headers_get):
    return headers_get("X-Request-Id") or "req-" + uuid.uuid4().hex[:16]


# ------------------------------------------------------------------- Flask --
def make_flask():
    from flask import Flask, Response, abort, jsonify, request

    app = Flask("orders")

    @app.after_request
    def add_rid(resp):  # the app echoes (or mints) a request id on everything
        resp.headers["X-Request-ID"] = rid_from(request.headers.get)
        return resp

    @app.get("/api/health")
    def health():
        return jsonify(status="ok")

    @app.get("/api/users/<int:uid>")
    def user(uid):
        if uid != 42:
            abort(404)
        return jsonify(id=42, name="Ada")

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("ledger connection lost")

    @app.get("/api/down")
    def down():
        return Response(DOWN_HTML, 503, {"Retry-After": "120"}, content_type="text/html")

    @app.get("/api/pay")
    def pay():
        return jsonify(PAY_JSON), 502

    @app.get("/api/report")
    def report():
        return Response(REPORT_HTML, 504, content_type="text/html; charset=utf-8")

    @app.get("/api/problem")
    def problem():
        return Response(json.dumps(PROBLEM) + "\n", 500, content_type="application/problem+json")

    @app.get("/api/catalog")
    def catalog():
        resp = jsonify(CATALOG)
        resp.headers["ETag"] = CATALOG_ETAG
        resp.headers["Cache-Control"] = "public, max-age=1"
        return resp

    return app


# ----------------------------------------------------------------- raw WSGI --
def raw_wsgi(environ, start_response):
    """A bare WSGI app: a crash reaches gunicorn itself, which writes the page."""
    path = environ.get("PATH_INFO", "")
    if path == "/api/health":
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"status": "ok"}\n']
    raise RuntimeError("worker crashed on %s" % path)


# ------------------------------------------------------------------ Django --
def make_django():
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="corpus-only-not-secret",
            ALLOWED_HOSTS=["127.0.0.1", "localhost"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=["django.middleware.common.CommonMiddleware",
                        "django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
            LOGGING_CONFIG=None,
        )
        django.setup()
    from django.core.wsgi import get_wsgi_application
    return get_wsgi_application()


def _django_urls():
    from django.http import HttpResponse, JsonResponse, Http404
    from django.urls import path

    def health(request):
        return JsonResponse({"status": "ok"})

    def user(request, uid):
        if uid != 42:
            raise Http404("no such user")
        return JsonResponse({"id": 42, "name": "Ada"})

    def boom(request):
        raise RuntimeError("ledger connection lost")

    def down(request):
        return HttpResponse(DOWN_HTML, status=503, headers={"Retry-After": "120"})

    def pay(request):
        return JsonResponse(PAY_JSON, status=502)

    def orders(request):  # POST without a CSRF token: Django's own 403 page
        return JsonResponse({"id": 7}, status=201)

    return [path("api/health", health), path("api/users/<int:uid>", user),
            path("api/boom", boom), path("api/down", down), path("api/pay", pay),
            path("api/orders", orders)]


def __getattr__(name):  # Django reads ROOT_URLCONF's urlpatterns lazily
    if name == "urlpatterns":
        return _django_urls()
    raise AttributeError(name)


def django_app():
    return make_django()


# ----------------------------------------------------------------- FastAPI --
def make_fastapi():
    from fastapi import FastAPI, HTTPException
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from pydantic import BaseModel

    app = FastAPI()

    class Order(BaseModel):
        sku: str
        qty: int

    @app.get("/api/health")
    def health():
        return {"status": "ok"}

    @app.get("/api/users/{uid}")
    def user(uid: int):
        if uid != 42:
            raise HTTPException(404, "user not found")
        return {"id": 42, "name": "Ada"}

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("ledger connection lost")

    @app.get("/api/down")
    def down():
        return HTMLResponse(DOWN_HTML, 503, {"Retry-After": "120"})

    @app.get("/api/pay")
    def pay():
        return JSONResponse(PAY_JSON, 502)

    @app.get("/api/report")
    def report():
        raise HTTPException(504, "inventory service timed out")

    @app.get("/api/problem")
    def problem():
        return Response(json.dumps(PROBLEM) + "\n", 500, media_type="application/problem+json")

    @app.post("/api/orders")
    def orders(order: Order):
        return {"id": 7, "sku": order.sku}

    return app


_fastapi = None


async def fastapi_app(scope, receive, send):
    global _fastapi
    if _fastapi is None:
        _fastapi = make_fastapi()
    await _fastapi(scope, receive, send)


# ----------------------------------------------------------------- Tornado --
def run_tornado(port):
    import asyncio
    import tornado.web

    class User(tornado.web.RequestHandler):
        def get(self, uid):
            if uid != "42":
                raise tornado.web.HTTPError(404)
            self.write({"id": 42, "name": "Ada"})

    class Boom(tornado.web.RequestHandler):
        def get(self):
            raise RuntimeError("ledger connection lost")

    class Health(tornado.web.RequestHandler):
        def get(self):
            self.write({"status": "ok"})

    async def main():
        app = tornado.web.Application([(r"/api/health", Health), (r"/api/users/(\w+)", User),
                                       (r"/api/boom", Boom)])
        app.listen(port, address="127.0.0.1")
        await asyncio.Event().wait()

    asyncio.run(main())


# ----------------------------------------------------------------- aiohttp --
def run_aiohttp(port):
    from aiohttp import web

    async def health(request):
        return web.json_response({"status": "ok"})

    async def boom(request):
        raise RuntimeError("ledger connection lost")

    async def user(request):
        if request.match_info["uid"] != "42":
            raise web.HTTPNotFound()
        return web.json_response({"id": 42, "name": "Ada"})

    app = web.Application()
    app.add_routes([web.get("/api/health", health), web.get("/api/boom", boom),
                    web.get("/api/users/{uid}", user)])
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("tornado", "aiohttp"):
        sys.exit(__doc__)
    {"tornado": run_tornado, "aiohttp": run_aiohttp}[sys.argv[1]](int(sys.argv[2]))
