"""Round-99 corpus: what the two Python apps share (round 88's incident
plumbing, plus round 99's routes).

Each app reads its environment:
  FLAG_DIR      a folder; `unhealthy` makes /healthz answer 503, `overloaded`
                makes /api/search answer 429 and /api/bulk 503 (Retry-After)
  DATA_DIR      where /api/receipts appends (the script points receipts.log
                at /dev/full for the "disk full" step: a real ENOSPC)
  DEPLOY        "v1" (default) or "v2": the broken deploy (v2 drops the
                /api/orders/<id> route and ships a /api/cart that raises)
  CHECKOUT_KEY  a config value /api/checkout needs; the script leaves it
                out for the "deploy with a missing config" step
  DEP_DOWN      host:port of a dependency nobody listens on (refused)
  DEP_SLOW      host:port of a dependency that accepts and never answers
"""
import os
import socket
import time

FLAG_DIR = os.environ.get("FLAG_DIR", "/tmp")
DATA_DIR = os.environ.get("DATA_DIR", "/tmp")
DEPLOY = os.environ.get("DEPLOY", "v1")
REPLICA = os.environ.get("REPLICA", "app-1")
TOKEN = "Bearer oncall-t0ken"
_WARM = {"done": False}


def warm_up():
    """The first request after a start loads the catalogue (1.5 s)."""
    if not _WARM["done"]:
        time.sleep(1.5)
        _WARM["done"] = True


def flag(name):
    return os.path.exists(os.path.join(FLAG_DIR, name))


def healthy():
    return not flag("unhealthy")


def overloaded():
    return flag("overloaded")


def call(envname, timeout=1.0):
    """Open a TCP connection to the dependency and wait for its first byte."""
    host, port = os.environ[envname].rsplit(":", 1)
    s = socket.create_connection((host, int(port)), timeout=timeout)
    try:
        s.settimeout(timeout)
        s.sendall(b"GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n")
        return s.recv(1)
    finally:
        s.close()


def append_receipt(line):
    with open(os.path.join(DATA_DIR, "receipts.log"), "a") as f:
        f.write(line + "\n")


def render_thumbnails():
    """A real allocation failure: a 1 PiB buffer (beyond the address space)."""
    buf = bytearray(1 << 50)
    return len(buf)
