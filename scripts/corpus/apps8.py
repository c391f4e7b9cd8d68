"""Round-8 corpus apps (capture-round8.sh): an orders API on TurboGears2 (under
waitress), the same API on Responder (under uvicorn), an API gateway on
Starlette + httpx with its own JSON errors (request id inside), and an auth
service on Falcon that checks X-API-Key before it forwards.

  python apps8.py turbogears PORT
  python apps8.py responder PORT
  python apps8.py starlette-gateway PORT /prefix=http://host:port ...
  python apps8.py falcon-auth PORT UPSTREAM

Routes of both apps: /api/health, /api/orders/<id> (404), /api/boom (an
exception), /api/down (JSON 503 + Retry-After), /api/limited (JSON 429),
/api/maint (an HTML 503 that copies nginx's page), /api/report (an HTML 504),
/api/catalog (200, cacheable, max-age=1, ETag).
"""

import json
import sys
import time
import uuid

NGINX_503 = ("<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
             "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n"
             "</body>\r\n</html>\r\n")
HTML_504 = ("<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head>\n<body><h1>Gateway Timeout</h1>\n"
            "<p>The upstream server did not respond in time.</p></body></html>\n")
DOWN = {"error": "service_unavailable", "message": "orders database is in maintenance"}
LIMITED = {"error": "rate_limited", "message": "slow down"}
CATALOG = {"items": [{"sku": "A-1", "price": 12}], "version": 8}


def turbogears(port):
    from tg import MinimalApplicationConfigurator, TGController, abort, expose, response
    from waitress import serve

    class Api(TGController):
        @expose("json")
        def health(self):
            return {"status": "ok"}

        @expose("json")
        def orders(self, oid=None):
            abort(404, "order not found")

        @expose()
        def boom(self):
            raise RuntimeError("ledger total mismatch")

        @expose("json")
        def down(self):
            response.status = 503
            response.headers["Retry-After"] = "30"
            return DOWN

        @expose("json")
        def limited(self):
            response.status = 429
            return LIMITED

        @expose()
        def maint(self):
            response.status = 503
            response.content_type = "text/html"
            return NGINX_503

        @expose()
        def report(self):
            response.status = 504
            response.content_type = "text/html"
            return HTML_504

        @expose("json")
        def catalog(self):
            response.headers["Cache-Control"] = "public, max-age=1"
            response.headers["ETag"] = '"catalog-v8"'
            return CATALOG

    class Root(TGController):
        api = Api()

    cfg = MinimalApplicationConfigurator()
    cfg.update_blueprint({"root_controller": Root(), "debug": False})
    serve(cfg.make_wsgi_app(), host="127.0.0.1", port=port, threads=4)


def responder_app(port):
    import responder
    import uvicorn

    api = responder.API()

    @api.route("/api/health")
    def health(req, resp):
        resp.media = {"status": "ok"}

    @api.route("/api/orders/{oid}")
    def orders(req, resp, *, oid):
        resp.status_code = 404
        resp.media = {"error": "not_found", "message": "order %s not found" % oid}

    @api.route("/api/boom")
    def boom(req, resp):
        raise RuntimeError("ledger total mismatch")

    @api.route("/api/down")
    def down(req, resp):
        resp.status_code = 503
        resp.headers["Retry-After"] = "30"
        resp.media = DOWN

    @api.route("/api/limited")
    def limited(req, resp):
        resp.status_code = 429
        resp.media = LIMITED

    @api.route("/api/maint")
    def maint(req, resp):
        resp.status_code = 503
        resp.html = NGINX_503

    @api.route("/api/report")
    def report(req, resp):
        resp.status_code = 504
        resp.html = HTML_504

    @api.route("/api/catalog")
    def catalog(req, resp):
        resp.headers["Cache-Control"] = "public, max-age=1"
        resp.media = CATALOG

    uvicorn.run(api, host="127.0.0.1", port=port, log_level="warning")


def starlette_gateway(port, routes):
    import httpx
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    table = dict(r.split("=", 1) for r in routes)
    client = httpx.AsyncClient(timeout=httpx.Timeout(2.0))
    hits = {}

    def err(status, code, message, rid, **extra):
        body = {"error": {"code": code, "message": message, "request_id": rid}}
        return JSONResponse(body, status_code=status, headers={"X-Request-Id": rid, **extra})

    async def forward(request):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        path = request.url.path
        for prefix, target in table.items():
            if path.startswith(prefix + "/"):
                break
        else:
            return err(404, "no_route", "no upstream for %s" % path, rid)
        key = request.headers.get("x-client", "")
        if key:
            hits[key] = hits.get(key, 0) + 1
            if hits[key] > 2:
                return err(429, "rate_limited", "client quota exceeded", rid, **{"Retry-After": "60"})
        url = target + path[len(prefix):]
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        headers["x-request-id"] = rid
        try:
            up = await client.request(request.method, url, headers=headers, content=await request.body())
        except httpx.TimeoutException:
            return err(504, "upstream_timeout", "upstream did not answer in 2s", rid)
        except httpx.HTTPError:
            return err(502, "upstream_unreachable", "upstream refused the connection", rid)
        out = {k: v for k, v in up.headers.items()
               if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding", "date", "server")}
        out["x-request-id"] = rid
        return Response(up.content, status_code=up.status_code, headers=out)

    app = Starlette(routes=[Route("/{path:path}", forward, methods=["GET", "POST", "DELETE", "PUT"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", server_header=False)


def falcon_auth(port, upstream):
    import urllib.error
    import urllib.request

    import falcon
    from waitress import serve

    keys = {"k-live-8f2a": "partner-a"}

    class Forward:
        def on_get(self, req, resp, path):
            key = req.get_header("X-API-Key")
            if not key:
                raise falcon.HTTPUnauthorized(title="Missing API key",
                                              description="Send your key in X-API-Key.",
                                              challenges=['ApiKey realm="orders"'])
            if key not in keys:
                raise falcon.HTTPForbidden(title="Invalid API key", description="This key is not active.")
            try:
                with urllib.request.urlopen(upstream + "/" + path, timeout=2) as up:
                    status, body, headers = up.status, up.read(), up.headers
            except urllib.error.HTTPError as e:
                status, body, headers = e.code, e.read(), e.headers
            except (urllib.error.URLError, OSError):
                raise falcon.HTTPBadGateway(title="Upstream unavailable")
            resp.status = status
            resp.data = body
            for name in ("Content-Type", "Retry-After", "Cache-Control", "ETag"):
                if headers.get(name):
                    resp.set_header(name, headers[name])
            resp.set_header("X-Auth-Client", keys[key])

    app = falcon.App()
    app.add_route("/{path:path}", Forward())
    serve(app, host="127.0.0.1", port=port, threads=4, ident="orders-auth")


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "turbogears":
        turbogears(port)
    elif mode == "responder":
        responder_app(port)
    elif mode == "starlette-gateway":
        starlette_gateway(port, sys.argv[3:])
    elif mode == "falcon-auth":
        falcon_auth(port, sys.argv[3])
    else:
        sys.exit("unknown mode %r" % mode)


if __name__ == "__main__":
    main()
