"""CherryPy 18: a catalog API (round 36, behind nginx behind Varnish)."""
import json
import sys
import time

import cherrypy


def jerr(status, code, message):
    cherrypy.response.status = status
    cherrypy.response.headers["Content-Type"] = "application/json"
    rid = cherrypy.request.headers.get("X-Request-Id", "")
    return json.dumps({"error": {"status": status, "code": code, "message": message,
                                 "request_id": rid or None}}).encode()


@cherrypy.popargs("pid")
class Products:
    @cherrypy.expose
    def index(self, pid=None, **kw):
        if pid is None:
            cherrypy.response.headers["Content-Type"] = "application/json"
            cherrypy.response.headers["Cache-Control"] = "public, max-age=60"
            return json.dumps({"products": [{"sku": "LMP-01", "price": 3900}]}).encode()
        if pid == "LMP-01":
            cherrypy.response.headers["Content-Type"] = "application/json"
            return json.dumps({"sku": pid, "price": 3900}).encode()
        if pid == "legacy":
            raise cherrypy.NotFound()  # CherryPy's stock HTML page
        return jerr(404, "product_not_found", "No product %s" % pid)


class Api:
    products = Products()

    @cherrypy.expose
    def boom(self):
        raise ValueError("price list missing currency")

    @cherrypy.expose
    def maintenance(self):
        cherrypy.response.headers["Retry-After"] = "300"
        return jerr(503, "maintenance", "Catalog import running")

    @cherrypy.expose
    def slow(self):
        time.sleep(5)
        return b"{}"

    @cherrypy.expose
    def admin(self, *a, **kw):
        if "Authorization" not in cherrypy.request.headers:
            cherrypy.response.headers["WWW-Authenticate"] = 'Bearer realm="catalog"'
            return jerr(401, "unauthorized", "Bearer token required")
        return jerr(403, "forbidden", "Read-only token")

    @cherrypy.expose
    def prices(self, **kw):
        cherrypy.response.headers["Retry-After"] = "20"
        return jerr(429, "rate_limited", "Price lookups are limited")

    @cherrypy.expose
    def forbidden(self):
        raise cherrypy.HTTPError(403, "You may not view internal pricing")

    @cherrypy.expose
    def old(self):
        raise cherrypy.HTTPRedirect("/api/products", 301)


if __name__ == "__main__":
    cherrypy.config.update({"server.socket_host": "127.0.0.1",
                            "server.socket_port": int(sys.argv[1]),
                            "environment": "production",
                            "log.screen": True})
    cherrypy.quickstart(Api(), "/api", {"/": {"tools.etags.on": True, "tools.etags.autotags": True,
                                                "tools.trailing_slash.on": False}})
