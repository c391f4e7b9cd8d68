#!/usr/bin/env python3
"""Round 37: a legacy reports service on Python's http.server (stdlib).

BaseHTTPRequestHandler speaks HTTP/1.0 and, as this old service does, sends
no Content-Length: the body ends when the connection closes. Some routes
misbehave on purpose, the way a broken upstream does on a bad night (only
the last path segment counts, so a front may keep its own prefix):

  /legacy/report       HTTP/1.0 200, no length, close
  /legacy/maintenance  its own HTML 503 (HTTP/1.0)
  /legacy/badstatus    a status line that is not HTTP ("HTTP/1.1 2OO OK")
  /legacy/badheader    a header line with no colon
  /legacy/halfheaders  half the header block, then close
  /legacy/empty        read the request, close without a byte
  /legacy/reset        close with an RST (SO_LINGER 0)
  /legacy/slow         5 s before the first byte
  /legacy/stall        headers + part of the body, then 6 s of silence
  /legacy/bigheader    a 20 KiB header
  .../ka/...           keep-alive (HTTP/1.1): the first request on a
                       connection is answered; a later one on the same
                       connection finds it closed (the idle-close race)

Usage: legacy.py PORT
"""
import socket
import struct
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class H(BaseHTTPRequestHandler):
    server_version = "reports/1.4"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s\n" % (fmt % args))

    def raw(self, data):
        self.wfile.write(data)
        self.wfile.flush()

    def do_POST(self):
        self.do_GET()

    def do_GET(self):
        path = self.path.split("?")[0]
        p = "/legacy/" + path.rstrip("/").rsplit("/", 1)[-1]  # any prefix the front keeps
        n = getattr(self, "served", 0)
        self.served = n + 1
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if "/ka/" in path:
            if n >= 1:  # the server had already decided to close this idle connection
                self.close_connection = True
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            body = b'{"ok":true,"warm":true}\n'
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                     b"Connection: keep-alive\r\nKeep-Alive: timeout=1\r\n\r\n%s" % (len(body), body))
            self.close_connection = False
            return
        self.close_connection = True
        if p == "/legacy/report":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            self.raw(b"day,orders,revenue\n2026-12-03,412,18230.50\n2026-12-02,398,17011.00\n")
        elif p == "/legacy/maintenance":
            self.send_response(503)
            self.send_header("Content-Type", "text/html")
            self.send_header("Retry-After", "600")
            self.end_headers()
            self.raw(b"<html><head><title>Reports: maintenance</title></head><body>\n"
                     b"<h1>503 - Reports are being rebuilt</h1><p>Nightly rebuild in progress. Try again in 10 minutes.</p>\n"
                     b"</body></html>\n")
        elif p == "/legacy/badstatus":
            self.raw(b"HTTP/1.1 2OO OK\r\nContent-Type: text/plain\r\n\r\nreport ready\n")
        elif p == "/legacy/badheader":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Report-Id 7781\r\nContent-Length: 13\r\n\r\nreport ready\n")
        elif p == "/legacy/halfheaders":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nX-Rep")
        elif p == "/legacy/empty":
            pass
        elif p == "/legacy/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif p == "/legacy/slow":
            time.sleep(5)
            self.send_response(200)
            self.end_headers()
            self.raw(b"late\n")
        elif p == "/legacy/stall":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 4000\r\n\r\n"
                     + b"day,orders\n" + b"".join(b"2026-11-%02d,%d\n" % (d, 300 + d) for d in range(1, 29)))
            time.sleep(6)
        elif p == "/legacy/bigheader":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("X-Debug-Trace", "t" * 20480)
            self.end_headers()
            self.raw(b"ok\n")
        else:
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.raw(b"no such report\n")


class S(ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    S(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
