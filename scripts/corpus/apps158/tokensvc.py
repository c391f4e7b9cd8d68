# Round 158: the token check the fronts ask (Python http.server): nginx
# auth_request (which only reads the status) and Caddy forward_auth (which
# copies a refusal back to the client as it is). 200 + X-Auth-Sub for a
# good token with the "orders" scope; 401 + WWW-Authenticate Bearer (with
# error="invalid_token" and error_description when a token was sent) for
# none, an expired one, one signed with a rotated-out key, a wrong audience
# or an opaque string; 403 insufficient_scope when the scope is missing.
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import jwt158


class H(BaseHTTPRequestHandler):
    server_version = "tokensvc/1.0"

    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        kind, got = jwt158.bearer(self.headers.get("Authorization", ""))
        if kind == "missing":
            return self.answer(401, {"error": "unauthorized", "message": "Bearer token required"},
                               [("WWW-Authenticate", 'Bearer realm="edge"')])
        if kind == "invalid":
            return self.answer(401, {"error": "invalid_token", "error_description": got},
                               [("WWW-Authenticate", 'Bearer realm="edge", error="invalid_token", error_description="%s"' % got)])
        if "orders" not in got.get("scope", "").split():
            return self.answer(403, {"error": "insufficient_scope", "scope": "orders"},
                               [("WWW-Authenticate", 'Bearer realm="edge", error="insufficient_scope", scope="orders"')])
        return self.answer(200, {"ok": True}, [("X-Auth-Sub", got.get("sub", ""))])

    do_HEAD = do_GET
    do_POST = do_GET

    def log_message(self, fmt, *a):
        sys.stderr.write("tokensvc %s\n" % (fmt % a))


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
