#!/usr/bin/env python3
"""Round 29: an oauth2-proxy-like gate written in Python (http.server, with
PyJWT for RS256): it checks the bearer JWT (or the session cookie a browser
would carry), answers 302/401/403 itself, and proxies what it lets through to
the app (Flask), copying the app's answer back. Only company e-mail domains
get through. Its own 502 when the upstream does not answer."""
import http.client
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import jwt

PORT, UPSTREAMS = int(sys.argv[1]), {"/api/": int(sys.argv[2]), "/billing/": int(sys.argv[3])}
with open(os.path.join(os.environ["KEYDIR"], "rs-orders.pub"), "rb") as f:
    PUB = f.read()
SIGN_IN = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>403 Forbidden</title></head>
<body>
<h1>403 Forbidden</h1>
<p>You do not have permission to access this resource. The account %s is not in an allowed e-mail domain.</p>
<p><a href="/oauth2/sign_out">Sign out</a> &middot; orders-gate</p>
</body>
</html>
"""


class Gate(BaseHTTPRequestHandler):
    server_version = "orders-gate/0.9"
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, ctype, body, extra=()):
        body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache, no-store, must-revalidate")
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        auth = self.headers.get("Authorization", "")
        browser = "text/html" in self.headers.get("Accept", "")
        if not auth.startswith("Bearer "):
            if browser:
                loc = "/oauth2/start?rd=" + quote(self.path, safe="")
                return self.reply(302, "text/html; charset=utf-8", '<a href="%s">Found</a>.\n\n' % loc, [("Location", loc),
                                  ("Set-Cookie", "_oauth2_proxy_csrf=b7c1e0a4d2; Path=/; Max-Age=900; HttpOnly; SameSite=Lax")])
            return self.reply(401, "application/json", '{"error":"unauthorized","message":"missing or invalid bearer token"}\n',
                              [("WWW-Authenticate", 'Bearer realm="orders-gate"')])
        try:
            c = jwt.decode(auth[7:], PUB, algorithms=["RS256"], audience="orders-api")
        except jwt.ExpiredSignatureError:
            return self.reply(401, "application/json", '{"error":"invalid_token","message":"token is expired"}\n',
                              [("WWW-Authenticate", 'Bearer realm="orders-gate", error="invalid_token", error_description="token is expired"')])
        except jwt.InvalidTokenError as e:
            return self.reply(401, "application/json", '{"error":"invalid_token","message":"%s"}\n' % str(e).replace('"', "'"),
                              [("WWW-Authenticate", 'Bearer realm="orders-gate", error="invalid_token"')])
        email = c.get("email", "")
        if not email.endswith("@example-corp.com"):
            return self.reply(403, "text/html; charset=utf-8", SIGN_IN % email)
        port = next((p for pre, p in UPSTREAMS.items() if self.path.startswith(pre)), None)
        if port is None:
            return self.reply(404, "text/plain; charset=utf-8", "404 page not found\n")
        length = int(self.headers.get("Content-Length", 0) or 0)
        body = self.rfile.read(length) if length else None
        hdrs = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "host")}
        hdrs.update({"X-Forwarded-User": c["sub"], "X-Forwarded-Email": email, "Host": "127.0.0.1:%d" % port})
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request(self.command, self.path, body, hdrs)
            r = conn.getresponse()
            data = r.read()
        except OSError as e:
            return self.reply(502, "text/html; charset=utf-8",
                              "<html><body><h1>502 Bad Gateway</h1><p>Error proxying to upstream server: %s</p></body></html>\n" % e)
        self.send_response(r.status, r.reason)
        for k, v in r.getheaders():
            if k.lower() not in ("connection", "transfer-encoding", "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_DELETE = handle_any


ThreadingHTTPServer(("127.0.0.1", PORT), Gate).serve_forever()
