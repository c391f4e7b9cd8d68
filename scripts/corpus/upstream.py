#!/usr/bin/env python3
"""Tiny upstream apps for the evidence corpus (Python stdlib only).

Usage: upstream.py MODE PORT

Every mode binds 127.0.0.1 only.

MODE
  api       a healthy JSON API.  Every response carries `x-request-id`;
            errors are JSON bodies {"error": {...}} that repeat the id.
  slow      answers every request, but only after SLOW_SECONDS (default 5).
  truncate  misbehaves on purpose:
              /empty    read the request, close without a byte (empty reply)
              /partial  send 200 headers with Content-Length 1000, 64 bytes
                        of body, then close
              /garbage  answer with a line that is not HTTP, then close
  auth      an identity service for nginx `auth_request`:
              no Authorization        -> 401 + WWW-Authenticate: Bearer
              "Bearer good"           -> 204
              anything else           -> 403
"""

import json
import os
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet; the script keeps its own logs
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send_json(self, status, payload, extra=None):
        body = (json.dumps(payload, indent=None) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class ApiHandler(Base):
    """The healthy app: routes under /api/, JSON everywhere."""

    def rid(self):
        # Honour an incoming id (as real apps do behind a proxy), else mint one.
        incoming = self.headers.get("X-Request-Id")
        return incoming or "req-" + uuid.uuid4().hex[:16]

    def error(self, status, code, message, rid, extra=None):
        hdrs = {"x-request-id": rid}
        hdrs.update(extra or {})
        self.send_json(
            status,
            {"error": {"code": code, "message": message, "request_id": rid}},
            hdrs,
        )

    def do_GET(self):
        rid = self.rid()
        path = self.path.split("?", 1)[0]
        # Accept the same routes with or without a proxy-added prefix.
        for prefix in ("/chain", "/h2"):
            if path.startswith(prefix + "/"):
                path = path[len(prefix):]
        if path in ("/api/health", "/health"):
            self.send_json(200, {"status": "ok", "request_id": rid}, {"x-request-id": rid})
        elif path == "/api/users/42":
            self.send_json(
                200,
                {"id": 42, "name": "Ada", "email": "ada@example.test"},
                {"x-request-id": rid, "Cache-Control": "no-store"},
            )
        elif path.startswith("/api/users/"):
            self.error(404, "user_not_found",
                       "no user with id %s" % path.rsplit("/", 1)[1], rid)
        elif path == "/api/boom":
            self.error(500, "internal_error",
                       "unexpected error while loading orders", rid)
        elif path == "/api/html-error":
            body = (
                "<html><head><title>500 Internal Server Error</title></head>\n"
                "<body><h1>Something went wrong</h1>\n"
                "<p>The orders service hit an unexpected error.</p>\n"
                "<p>Request ID: %s</p></body></html>\n" % rid
            ).encode()
            self.send_response(500)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-request-id", rid)
            self.end_headers()
            self.wfile.write(body)
        elif path == "/api/private":
            self.error(401, "unauthenticated", "missing or invalid bearer token", rid,
                       {"WWW-Authenticate": 'Bearer realm="orders-api", error="invalid_token"'})
        elif path == "/api/limited":
            self.error(429, "rate_limited", "too many requests for this API key", rid,
                       {"Retry-After": "30"})
        elif path == "/api/maintenance":
            self.error(503, "maintenance", "orders API is in read-only maintenance", rid,
                       {"Retry-After": "120"})
        else:
            self.error(404, "route_not_found", "no route for %s" % path, rid)

    do_HEAD = do_GET

    def do_POST(self):
        rid = self.rid()
        raw = self.read_body()
        if self.path.split("?", 1)[0] != "/api/users":
            self.error(404, "route_not_found", "no route for POST %s" % self.path, rid)
            return
        if len(raw) > 1_000_000:
            self.error(413, "payload_too_large", "body over 1 MB", rid)
            return
        try:
            data = json.loads(raw or b"null")
        except ValueError as exc:
            self.error(400, "invalid_json", "request body is not valid JSON: %s" % exc, rid)
            return
        if not isinstance(data, dict) or "email" not in data:
            self.send_json(
                422,
                {"error": {"code": "validation_failed",
                           "message": "request body failed validation",
                           "request_id": rid,
                           "fields": [{"field": "email", "problem": "is required"}]}},
                {"x-request-id": rid},
            )
            return
        self.send_json(201, {"id": 43, "email": data["email"]},
                       {"x-request-id": rid, "Location": "/api/users/43"})


class SlowHandler(Base):
    def do_GET(self):
        time.sleep(float(os.environ.get("SLOW_SECONDS", "5")))
        try:
            self.send_json(200, {"status": "ok, but slow"})
        except OSError:
            pass  # the proxy gave up long ago

    do_POST = do_GET


class TruncateHandler(Base):
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.endswith("/empty"):
            pass  # say nothing
        elif path.endswith("/garbage"):
            self.wfile.write(b"HELLO this is not http\r\n")
        else:  # /partial and anything else
            self.wfile.write(
                b"HTTP/1.1 200 OK\r\n"
                b"Content-Type: application/json\r\n"
                b"Content-Length: 1000\r\n"
                b"x-request-id: req-truncated0001\r\n"
                b"\r\n"
                b'{"items": [{"id": 1, "name": "first"}, {"id": 2, "name": "sec'
            )
        self.wfile.flush()
        self.close_connection = True
        try:
            # An abrupt close (RST would be harsher; FIN is enough here).
            self.connection.shutdown(2)
        except OSError:
            pass

    do_POST = do_GET


class AuthHandler(Base):
    def do_GET(self):
        auth = self.headers.get("Authorization")
        if not auth:
            self.send_json(401, {"error": "login required"},
                           {"WWW-Authenticate": 'Bearer realm="corp-sso"'})
        elif auth == "Bearer good":
            self.send_response(204)
            self.send_header("X-Auth-User", "ada")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_json(403, {"error": "token not allowed"})


MODES = {"api": ApiHandler, "slow": SlowHandler, "truncate": TruncateHandler,
         "auth": AuthHandler}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODES:
        sys.exit(__doc__)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.allow_reuse_address = True
    srv = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), MODES[sys.argv[1]])
    srv.serve_forever()


if __name__ == "__main__":
    main()
