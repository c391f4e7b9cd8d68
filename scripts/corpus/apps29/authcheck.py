#!/usr/bin/env python3
"""Round 29: the forward_auth service behind Caddy (Python's http.server,
stdlib only, HS256 checked by hand). Caddy copies its non-2xx answers back
to the client. /portal/ pages without a session go to the SSO login (302);
API calls get application/problem+json 401/403."""
import base64
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

SECRET = b"r29-orders-hs256-shared-secret-7f3a9c"


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def verify(tok):
    parts = tok.split(".")
    if len(parts) != 3:
        raise ValueError("token is not a JWT")
    hdr = json.loads(b64d(parts[0]))
    if hdr.get("alg") != "HS256":
        raise ValueError("unsupported alg %s" % hdr.get("alg"))
    sig = hmac.new(SECRET, (parts[0] + "." + parts[1]).encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(sig, b64d(parts[2])):
        raise ValueError("signature mismatch")
    claims = json.loads(b64d(parts[1]))
    if claims.get("exp", 0) < time.time():
        raise ValueError("token expired")
    return claims


class H(BaseHTTPRequestHandler):
    server_version = "authcheck/1.4"
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def problem(self, status, title, detail, www=None):
        body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail,
                           "instance": self.headers.get("X-Forwarded-Uri", self.path)}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json")
        self.send_header("Content-Length", str(len(body)))
        if www:
            self.send_header("WWW-Authenticate", www)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        uri = self.headers.get("X-Forwarded-Uri", "/")
        method = self.headers.get("X-Forwarded-Method", "GET")
        auth = self.headers.get("Authorization", "")
        if uri.startswith("/portal/") and "sso_session=" not in self.headers.get("Cookie", ""):
            self.send_response(302)
            self.send_header("Location", "https://sso.example-corp.com/login?rd=" + quote("https://orders.example-corp.com" + uri, safe=""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not auth.lower().startswith("bearer "):
            return self.problem(401, "Unauthorized", "A bearer token is required", 'Bearer realm="orders"')
        try:
            c = verify(auth[7:].strip())
        except ValueError as e:
            return self.problem(401, "Unauthorized", str(e), 'Bearer realm="orders", error="invalid_token", error_description="%s"' % e)
        if method not in ("GET", "HEAD") and "orders:write" not in c.get("scope", "").split():
            return self.problem(403, "Forbidden", "orders:write is required", 'Bearer error="insufficient_scope", scope="orders:write"')
        self.send_response(200)
        self.send_header("X-Auth-User", c.get("sub", ""))
        self.send_header("X-Auth-Scopes", c.get("scope", ""))
        self.send_header("Content-Length", "0")
        self.end_headers()


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
