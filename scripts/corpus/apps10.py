#!/usr/bin/env python3
"""The round-10 corpus's Python app (capture-round10.sh): the orders API on
Microdot 2, run two ways.

  apps10.py microdot PORT      Microdot's own asyncio server, 127.0.0.1:PORT
  uwsgi --wsgi-file apps10.py  the same routes as a WSGI app (microdot.wsgi),
                               for uWSGI behind its HTTP router

Routes: /api/health, /api/orders/<int:id> (JSON 404), POST /api/orders
(JSON 422 for a missing field, Microdot's 400 for a body that is not JSON),
/api/boom (an exception: Microdot's text 500), /api/unavailable (abort(503)),
/api/slow (3 s, for the router's timeout), /api/maint (an HTML 503 of the
app's own that copies Apache's words), /api/breaker (a JSON 503 of a circuit
breaker), /api/limited (a JSON 429).
"""

import sys
import time

MAINT_HTML = """<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>503 Service Unavailable</title>
</head><body>
<h1>Service Unavailable</h1>
<p>The server is temporarily unable to service your
request due to maintenance downtime or capacity
problems. Please try again later.</p>
</body></html>
"""


def build(Microdot, abort):
    app = Microdot()

    @app.get("/api/health")
    def health(request):
        return {"status": "ok"}

    @app.get("/api/orders/<int:oid>")
    def order(request, oid):
        return {"error": "order_not_found", "message": "no order %d" % oid}, 404

    @app.post("/api/orders")
    def create(request):
        body = request.json
        if body is None:
            abort(400)
        if "sku" not in body:
            return {"error": "validation_failed", "fields": {"sku": "required"}}, 422
        return body, 201

    @app.get("/api/boom")
    def boom(request):
        raise RuntimeError("orders ledger out of sync")

    @app.get("/api/unavailable")
    def unavailable(request):
        abort(503, "orders database is in maintenance")

    @app.get("/api/slow")
    def slow(request):
        time.sleep(3)
        return {"status": "late"}

    @app.get("/api/maint")
    def maint(request):
        return MAINT_HTML, 503, {"Content-Type": "text/html; charset=iso-8859-1"}

    @app.get("/api/breaker")
    def breaker(request):
        return ({"error": "upstream_circuit_open", "upstream": "inventory", "opened_at": "2026-11-02T08:14:03Z"},
                503, {"Retry-After": "20"})

    @app.get("/api/limited")
    def limited(request):
        return {"error": "rate_limited", "limit": 5, "window": "1m"}, 429, {"Retry-After": "60"}

    return app


try:  # under uWSGI: the WSGI flavour
    import uwsgi  # noqa: F401
    from microdot import abort as _abort
    from microdot.wsgi import Microdot as _WsgiMicrodot
    application = build(_WsgiMicrodot, _abort)
except ImportError:
    pass

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "microdot":
        sys.exit(__doc__)
    port = int(sys.argv[2])
    if not 28000 <= port <= 28999:
        sys.exit("port out of range")
    from microdot import Microdot, abort
    build(Microdot, abort).run(host="127.0.0.1", port=port)
