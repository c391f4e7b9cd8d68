"""Round-54 corpus: a small API gateway built from Paste's WSGI proxy
(paste.proxy.Proxy), served by Paste's httpserver. It:

- gives every answer, its own errors too, an X-Request-Id (gw-<hex>);
- adds `Via: 1.1 parcel-gw` to what the upstream sent;
- answers /api/exports itself with a JSON 429 (its own rate limit) and
  /api/returns with a JSON 503 (its own maintenance switch);
- turns a refused connection into Paste's HTML 502 page and a read that
  takes longer than 2 s into Paste's HTML 504 page;
- sends /legacy/ to a port where nothing listens.

Usage: python paste_gateway.py PORT UPSTREAM_PORT DEAD_PORT"""
import json
import socket
import sys
import uuid

from paste import httpexceptions, httpserver
from paste.proxy import Proxy

port, up_port, dead_port = (int(a) for a in sys.argv[1:4])
socket.setdefaulttimeout(2)
orders = Proxy("http://127.0.0.1:%d" % up_port)
legacy = Proxy("http://127.0.0.1:%d" % dead_port)


def own_json(start_response, status, obj, extra=()):
    data = json.dumps(obj).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))] + list(extra))
    return [data]


def routes(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path.startswith("/api/exports"):
        return own_json(start_response, "429 Too Many Requests",
                        {"error": "too_many_requests", "message": "export quota for this key is used up", "retry_after": 60},
                        [("Retry-After", "60")])
    if path.startswith("/api/returns"):
        return own_json(start_response, "503 Service Unavailable",
                        {"error": "maintenance", "message": "returns are switched off at the gateway until 18:00 UTC"},
                        [("Retry-After", "3600")])
    target = legacy if path.startswith("/legacy/") else orders

    def via(status, headers, exc_info=None):
        return start_response(status, list(headers) + [("Via", "1.1 parcel-gw")], exc_info)
    try:
        return target(environ, via)
    except socket.timeout:
        raise httpexceptions.HTTPGatewayTimeout("The orders service did not answer within 2 seconds.")
    except OSError as exc:
        raise httpexceptions.HTTPBadGateway("Could not reach the upstream service: %s" % exc.__class__.__name__)


inner = httpexceptions.make_middleware(routes)


def app(environ, start_response):
    rid = "gw-" + uuid.uuid4().hex[:16]
    environ["HTTP_X_REQUEST_ID"] = rid

    def with_id(status, headers, exc_info=None):
        headers = [h for h in headers if h[0].lower() != "x-request-id"] + [("X-Request-Id", rid)]
        return start_response(status, headers, exc_info)
    return inner(environ, with_id)


httpserver.serve(app, host="127.0.0.1", port=port, use_threadpool=True, threadpool_workers=8,
                 server_version="parcel-gw/1.4")
