"""Round-24 corpus: an upstream that misbehaves, for the fronts' own 502s.
One request per connection; the path says what it does:
  .../close    reads the request and closes the connection without a byte
  .../garbage  answers a line that is not HTTP, then closes
  anything else: a half status line and a reset
`python3 upstream_misbehaves.py PORT` (127.0.0.1 only).
"""
import socket
import socketserver
import struct
import sys


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(5)
        data = b""
        try:
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                data += chunk
        except OSError:
            return
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        path = line.split(" ")[1] if " " in line else ""
        if path.endswith("/close"):
            return
        if path.endswith("/garbage"):
            self.request.sendall(b"ERROR 42 backend not ready\r\n\r\n")
            return
        self.request.sendall(b"HTTP/1.1 2")
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
