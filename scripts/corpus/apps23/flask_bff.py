"""Round-23 corpus: a storefront BFF on Flask + requests, under gunicorn.

It calls the orders service with requests (1.5 s timeout, under the
fronts' 2 s) and renders what the browser gets. Its error pages are the team's own, and some copy a
front's look on purpose: the 502 page is nginx's stock page pasted into a
template, the maintenance page is an HTML 503 with Retry-After, and every
answer carries `Via: 1.1 storefront` that the app adds itself. With
BFF_SERVER set, the app also renames its Server header (gunicorn writes its
own Server over it; Werkzeug's server, `flask run`, sends its own and then
the app's).
"""
import os

import requests
from flask import Flask, Response, jsonify, request

app = Flask(__name__)
ORDERS = os.environ.get("ORDERS_URL", "http://127.0.0.1:41010")
REVIEWS = "http://127.0.0.1:41019"  # not running
SERVER = os.environ.get("BFF_SERVER")

NGINX_LIKE = """<html>
<head><title>{code} {reason}</title></head>
<body>
<center><h1>{code} {reason}</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""

MAINT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Down for maintenance</title></head>
<body>
<h1>We&rsquo;ll be back soon</h1>
<p>The shop is down for scheduled maintenance until 02:00 UTC.</p>
</body>
</html>
"""


@app.after_request
def stamp(resp):
    resp.headers["Via"] = "1.1 storefront"
    if SERVER:
        resp.headers["Server"] = SERVER
    return resp


def page(code, reason):
    return Response(NGINX_LIKE.format(code=code, reason=reason), status=code, mimetype="text/html")


@app.get("/shop/orders/<int:order_id>")
def order(order_id):
    try:
        r = requests.get("%s/api/orders/%d" % (ORDERS, order_id), timeout=1.5)
    except requests.Timeout:
        return page(504, "Gateway Time-out")
    except requests.ConnectionError:
        return page(502, "Bad Gateway")
    if r.status_code == 404:
        return Response("<h1>Order not found</h1>", status=404, mimetype="text/html")
    if r.status_code >= 500:
        return page(502, "Bad Gateway")
    o = r.json()
    return "<h1>Order #%d</h1><p>%s</p>" % (o["id"], o["status"])


@app.get("/shop/slow")
def slow():
    try:
        requests.get("%s/api/slow" % ORDERS, timeout=1.5)
    except requests.Timeout:
        return page(504, "Gateway Time-out")
    return "ok"


@app.get("/shop/reviews")
def reviews():
    try:
        requests.get("%s/api/reviews" % REVIEWS, timeout=1.5)
    except requests.ConnectionError:
        return page(502, "Bad Gateway")
    return "ok"


@app.get("/shop/boom")
def boom():
    requests.get("%s/api/orders/1" % "http://127.0.0.1:41011", timeout=1.5)  # reset, unhandled
    return "ok"


@app.get("/shop/maintenance")
def maintenance():
    return Response(MAINT, status=503, mimetype="text/html", headers={"Retry-After": "3600"})


@app.get("/api/cart")
def cart():
    try:
        r = requests.get("%s/api/boom" % ORDERS, timeout=1.5)
    except requests.RequestException:
        r = None
    return jsonify(error="bad_gateway", message="cart service failed",
                   upstream_status=getattr(r, "status_code", None)), 502
