"""Round-53 corpus: a product catalog API on Flask 3 under gunicorn, written
so that fronts can cache it. The catalog and the products carry an ETag, a
Last-Modified and `Cache-Control: public, max-age=N`; the view answers its
own conditional requests (304 for a matching If-None-Match or an
If-Modified-Since not older than the data, 412 for an If-Match that does not
match on PUT, 428 without one). /api/stock/ is `no-cache` with an ETag so a
front that does not store it passes the condition and the view answers 304.
An unknown product is a JSON 404 with max-age=60 (a cache may keep it), the
daily report fails with a JSON 500 that also says max-age=30. Two flag files
in $CATALOG_FLAGS switch the catalog to a JSON 500 ("fail") or make it sleep
5 s ("slow"), to see what the caches do with a failing origin.
"""
import os
import time
from email.utils import format_datetime, parsedate_to_datetime
from datetime import datetime, timezone

from flask import Flask, jsonify, request

app = Flask(__name__)
FLAGS = os.environ.get("CATALOG_FLAGS", "/nonexistent")
LAST_MOD = datetime(2025, 3, 4, 9, 30, 0, tzinfo=timezone.utc)
PRODUCTS = {1: {"id": 1, "sku": "TEA-001", "name": "Sencha", "price": 1250},
            2: {"id": 2, "sku": "TEA-002", "name": "Genmaicha", "price": 990}}


def flag(name):
    return os.path.exists(os.path.join(FLAGS, name))


def err(status, code, message, cache=None):
    resp = jsonify(error={"code": code, "message": message})
    resp.status_code = status
    resp.headers["Cache-Control"] = cache or "no-store"
    return resp


def not_modified(etag):
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = request.headers.get("If-Modified-Since")
    if ims:
        try:
            return parsedate_to_datetime(ims) >= LAST_MOD
        except (TypeError, ValueError):
            return False
    return False


def cacheable(payload, etag, max_age, cache_control=None):
    headers = {"ETag": etag, "Last-Modified": format_datetime(LAST_MOD, usegmt=True),
               "Cache-Control": cache_control or "public, max-age=%d" % max_age}
    if not_modified(etag):
        return "", 304, headers
    resp = jsonify(payload)
    resp.headers.update(headers)
    return resp


@app.get("/api/catalog")
def catalog():
    if flag("slow"):
        time.sleep(5)
    if flag("fail"):
        return err(500, "catalog_unavailable", "could not load the catalog: pricing database unreachable")
    return cacheable({"items": list(PRODUCTS.values()), "currency": "EUR"}, '"cat-7f3a9c"', 2)


@app.get("/api/catalog/featured")
def featured():
    time.sleep(1.5)  # an expensive query: what proxy_cache_lock is for
    return cacheable({"featured": [PRODUCTS[2]]}, '"feat-11"', 30)


@app.get("/api/products/<int:pid>")
def product(pid):
    if pid not in PRODUCTS:
        return err(404, "product_not_found", "product %d does not exist" % pid, "public, max-age=60")
    return cacheable(PRODUCTS[pid], '"p%d-v3"' % pid, 60)


@app.put("/api/products/<int:pid>")
def update_product(pid):
    if pid not in PRODUCTS:
        return err(404, "product_not_found", "product %d does not exist" % pid)
    im = request.headers.get("If-Match")
    if im is None:
        return err(428, "precondition_required", "send If-Match with the product's ETag")
    if im.strip() != '"p%d-v3"' % pid:
        return err(412, "precondition_failed", "the product changed since you read it (ETag \"p%d-v3\")" % pid)
    return jsonify(PRODUCTS[pid])


@app.get("/api/stock/<int:pid>")
def stock(pid):
    return cacheable({"id": pid, "in_stock": 42}, '"stock-%d-42"' % pid, 0, "no-cache")


@app.get("/api/reports/daily")
def daily_report():
    return err(500, "report_failed", "daily report generation failed: upstream ledger returned garbage",
               "public, max-age=30")


@app.get("/api/account")
def account():
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        resp = err(401, "unauthorized", "missing bearer token")
        resp.headers["WWW-Authenticate"] = 'Bearer realm="catalog"'
        return resp
    resp = jsonify(user="ana", plan="pro")
    resp.headers["Cache-Control"] = "private, max-age=0"
    return resp


@app.get("/api/maintenance")
def maintenance():
    resp = err(503, "maintenance", "catalog imports are paused until 06:00 UTC")
    resp.headers["Retry-After"] = "600"
    return resp


@app.get("/api/boom")
def boom():
    return jsonify(total=sum(p["price"] for p in PRODUCTS.values()) / 0)


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify(status="late")
