"""Round 159: round 108's Larkspur Flask app (apps108/flask_app.py), unchanged,
with two routes added for gunicorn (`flask_wsgi:app`):
  DELETE /api/carts/<id>  -> an empty 204 (the after_request hook still adds X-Request-ID);
  GET /api/catalog        -> JSON with an ETag; Flask's own 304 on a matching If-None-Match.
"""
from flask import jsonify, request

from flask_app import app


@app.delete("/api/carts/<cid>")
def delete_cart(cid):
    return "", 204


@app.get("/api/catalog")
def catalog():
    resp = jsonify({"items": [{"sku": "LS-PEN", "price": "2.40"}, {"sku": "LS-PAD", "price": "5.90"}]})
    resp.set_etag("ls-catalog-v7")
    resp.headers["Cache-Control"] = "no-cache"
    return resp.make_conditional(request)
