"""Round-133 corpus: round 99's Tansy orders API (apps99/django_app.py) ported
to Flask 3.1 ("Teasel"), for Cheroot. Same routes, flags and environment as
apps99/common.py, plus two incident routes of its own:
  /api/me        asks the auth service (DEP_DOWN when the flag `auth-down` is
                 set in FLAG_DIR): its JSON 503 when that service is down,
                 else 401 without the bearer token
  /api/uploads   writes DATA_DIR/uploads.bin; on ENOSPC (the script points it
                 at /dev/full) its JSON 507 Insufficient Storage
Its own errors are JSON {"error": code, "message": text}; unrouted paths and
unhandled exceptions get Flask's (werkzeug's) HTML pages."""
import errno
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps99"))
import common  # noqa: E402

from flask import Flask, Response, jsonify, request  # noqa: E402

app = Flask("teasel")


def err(status, code, message, **headers):
    r = jsonify({"error": code, "message": message})
    r.status_code = status
    for k, v in headers.items():
        r.headers[k.replace("_", "-")] = v
    return r


if common.DEPLOY != "v2":
    @app.get("/api/orders/<int:oid>")
    def order(oid):
        common.warm_up()
        if oid not in (1, 2):
            return err(404, "not_found", f"order {oid} does not exist")
        etag = f'"te-100{oid}-v1"'
        if request.headers.get("If-None-Match") == etag:
            r = Response(status=304)
        else:
            r = jsonify({"id": oid, "ref": f"TE-100{oid}", "replica": common.REPLICA})
        r.headers["Cache-Control"] = "public, max-age=2"
        r.headers["ETag"] = etag
        return r


@app.get("/api/account")
def account():
    if request.headers.get("Authorization") != common.TOKEN:
        return err(401, "unauthorized", "missing or invalid bearer token", WWW_Authenticate='Bearer realm="teasel"')
    return jsonify({"user": "oncall", "plan": "team"})


@app.get("/api/me")
def me():
    if common.flag("auth-down"):
        try:
            common.call("DEP_DOWN")
        except OSError:
            return err(503, "auth_unavailable", "auth service unavailable, cannot verify the session", Retry_After="15")
    if request.headers.get("Authorization") != common.TOKEN:
        return err(401, "unauthorized", "session expired", WWW_Authenticate='Bearer realm="teasel", error="invalid_token"')
    return jsonify({"user": "oncall"})


@app.get("/api/cart")
def cart():
    common.warm_up()
    if common.DEPLOY == "v2":
        raise KeyError("CART_TTL")
    return jsonify({"items": [], "currency": "EUR"})


@app.get("/api/inventory")
def inventory():
    try:
        common.call("DEP_DOWN")
    except OSError as e:
        return err(502, "bad_gateway", f"inventory service unreachable: {e}")
    return jsonify({"ok": True})


@app.get("/api/quotes")
def quotes():
    try:
        common.call("DEP_SLOW")
    except socket.timeout:
        return err(504, "gateway_timeout", "pricing service did not answer within 1s")
    return jsonify({"ok": True})


@app.get("/api/payments")
def payments():
    try:
        common.call("DEP_DOWN")
    except OSError:
        return err(503, "service_unavailable", "payment provider unavailable", Retry_After="30")
    return jsonify({"ok": True})


@app.get("/api/search")
def search():
    if common.overloaded():
        return err(429, "rate_limited", "too many requests: search is shedding load", Retry_After="10")
    return jsonify({"results": []})


@app.get("/api/bulk")
def bulk():
    if common.overloaded():
        return err(503, "overloaded", "worker queue full (64/64), try again later", Retry_After="20")
    return jsonify({"queued": 0})


@app.get("/api/thumbnails")
def thumbnails():
    common.render_thumbnails()  # MemoryError, unhandled: Flask's HTML 500
    return jsonify({"ok": True})


@app.post("/api/uploads")
def uploads():
    try:
        with open(os.path.join(common.DATA_DIR, "uploads.bin"), "ab") as f:
            f.write(request.get_data() or b"x")
            f.flush()
    except OSError as e:
        if e.errno == errno.ENOSPC:
            return err(507, "insufficient_storage", "no space left on device while storing the upload")
        raise
    return jsonify({"stored": True}), 201


@app.post("/api/receipts")
def receipts():
    body = request.get_data(as_text=True)
    if "amount" not in body:
        return err(422, "invalid", "amount is required")
    common.append_receipt(body)
    return jsonify({"stored": True}), 201


@app.get("/api/export")
def export():
    time.sleep(6)
    return jsonify({"rows": 0})


@app.get("/healthz")
def healthz():
    if not common.healthy():
        return jsonify({"status": "fail"}), 503
    return jsonify({"status": "ok"})


application = app
