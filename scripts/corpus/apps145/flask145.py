"""Round 145: round 78's Flask orders API (Tamarind, apps78/flask_app.py)
unchanged, with two routes added for the successes round 145 wants:
DELETE /api/orders/<id> answers an empty 204, and GET /api/catalog answers
JSON with ETag "tm-cat-v3" and Werkzeug's conditional handling (a 304 to a
matching If-None-Match). Run on Waitress behind nghttpx.
"""
from flask import jsonify, request

from flask_app import app


@app.delete("/api/orders/<int:oid>")
def delete_order(oid):
    return "", 204


@app.get("/api/catalog")
def catalog():
    resp = jsonify({"items": [{"sku": "TM-BOX-S", "price": "4.00"}, {"sku": "TM-BOX-L", "price": "7.50"}]})
    resp.set_etag("tm-cat-v3")
    resp.headers["Cache-Control"] = "no-cache"
    return resp.make_conditional(request)
