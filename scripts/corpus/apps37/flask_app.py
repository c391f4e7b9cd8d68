"""Round 37: a small orders API in Flask (under gunicorn behind nginx).

Its own errors: a JSON 404, a 500, a 503 during maintenance, a 502 and an
HTML 504 it returns itself when its own downstream (payments, inventory)
fails. And the ways it can misbehave for its front: a handler that sleeps 5 s
before any byte, an export that stalls in the middle of its body, a session
route that sets a 12 KiB cookie.
"""
import time

from flask import Flask, Response, jsonify, stream_with_context

app = Flask(__name__)


@app.get("/api/orders/<int:oid>")
def order(oid):
    if oid == 1:
        return jsonify(id=1, sku="A-1", qty=2)
    return jsonify(error="order_not_found", message="no order %d" % oid), 404


@app.get("/api/maintenance")
def maintenance():
    r = jsonify(error="maintenance", message="orders are read-only during the nightly migration, back at 03:30 UTC")
    r.status_code = 503
    r.headers["Retry-After"] = "1800"
    return r


@app.get("/api/payments")
def payments():
    time.sleep(0.2)
    return jsonify(error="bad_gateway", message="payment provider answered 500", provider="acquirer-eu"), 502


@app.get("/api/inventory")
def inventory():
    time.sleep(1)  # the inventory call's own 1 s budget runs out
    html = ("<!doctype html>\n<html><head><title>504 Gateway Timeout</title></head>\n"
            "<body><h1>Gateway Timeout</h1><p>The inventory service did not answer in time. Please retry.</p></body></html>\n")
    return Response(html, status=504, mimetype="text/html")


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger total is None")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(ok=True)


@app.get("/api/export")
def export():
    def rows():
        yield "id,sku,qty\n"
        for i in range(1, 40):
            yield "%d,A-%d,%d\n" % (i, i, i % 7 + 1)
        time.sleep(6)
        yield "40,A-40,1\n"
    r = Response(stream_with_context(rows()), mimetype="text/csv")
    r.headers["Content-Length"] = "2000"
    return r


@app.get("/api/session")
def session():
    r = jsonify(ok=True)
    r.headers["Set-Cookie"] = "prefs=" + "x" * 12288 + "; Path=/; HttpOnly"
    return r
