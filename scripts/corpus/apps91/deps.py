"""Round-91 corpus: how every app reaches its dependencies.

DEP_DOWN  host:port nobody listens on (connection refused)
DEP_SLOW  host:port that accepts and never answers (apps75/deps.py sleeper)
FLAG_DIR  a folder; `maintenance` in it switches the app to its maintenance page
"""
import os
import socket


def call(envname, timeout=1.0):
    host, port = os.environ[envname].rsplit(":", 1)
    s = socket.create_connection((host, int(port)), timeout=timeout)
    try:
        s.settimeout(timeout)
        s.sendall(b"GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n")
        return s.recv(1)
    finally:
        s.close()


def maintenance():
    return os.path.exists(os.path.join(os.environ.get("FLAG_DIR", "/nonexistent"), "maintenance"))
