"""Round-64 corpus: a WSGI front on WSGIProxy2 (wsgiproxy.HostProxy, with
its own httplib client given a 2 s timeout), which no earlier round used,
served by waitress. A few lines of WSGI middleware around it:

  - every answer carries the front's own X-Request-Id (its own pages too);
    what the upstream sent also gets "Via: 1.1 tidemark-wsgi";
  - /api/exports/*: the front's own JSON 429 (Retry-After);
  - /legacy/* goes to a port nobody listens on.
WSGIProxy2 itself answers a refused connection with WebOb's 502 page, a
timeout with WebOb's 504 page, and a method it does not proxy (TRACE is not
in its list) with WebOb's 405. waitress (max_request_body_size 1024,
max_request_header_size 4096) refuses a large body (413) or header block
(431) before the front's code runs.

usage: CORPUS_UP=PORT CORPUS_DEAD=PORT python wsgi_gateway.py PORT
"""
import json
import os
import sys
import uuid

import functools
import http.client

from waitress import serve
from wsgiproxy import HostProxy
from wsgiproxy.proxies import HttpClient

UP = int(os.environ["CORPUS_UP"])
DEAD = int(os.environ["CORPUS_DEAD"])



class TimedClient(HttpClient):
    """WSGIProxy2's own httplib client, its connections given a 2 s timeout
    (its `timeout=` option is passed to request(), which refuses it)."""
    HTTPConnection = functools.partial(http.client.HTTPConnection, timeout=2)


api = HostProxy("http://127.0.0.1:%d" % UP, client=TimedClient())
legacy = HostProxy("http://127.0.0.1:%d" % DEAD, client=TimedClient())


def app(environ, start_response):
    rid = uuid.uuid4().hex
    path = environ.get("PATH_INFO", "")

    def tagged(passed):
        def sr(status, headers, exc_info=None):
            headers = list(headers) + [("X-Request-Id", rid)]
            # only what the upstream sent (it names its Server; WebOb's pages do not)
            if passed and any(k.lower() == "server" for k, _ in headers):
                headers.append(("Via", "1.1 tidemark-wsgi"))
            return start_response(status, headers, exc_info)
        return sr

    if path.startswith("/api/exports/"):
        body = (json.dumps({"error": "rate_limited", "message": "export quota for this key is used up",
                            "request_id": rid}) + "\n").encode()
        tagged(False)("429 Too Many Requests", [("Content-Type", "application/json"),
                                                ("Content-Length", str(len(body))), ("Retry-After", "60")])
        return [body]
    target = legacy if path.startswith("/legacy/") else api
    return target(environ, tagged(True))


if __name__ == "__main__":
    serve(app, host="127.0.0.1", port=int(sys.argv[1]), ident="waitress", max_request_body_size=1024,
          max_request_header_size=4096, threads=4, clear_untrusted_proxy_headers=True)
