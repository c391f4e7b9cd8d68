"""Round 174: round 159's Larkspur Flask app (apps159/flask_wsgi.py, itself
apps108/flask_app.py plus a 204 and an ETag/304 route), served by Waitress
(`flask_waitress:app`), with:
  MAX_CONTENT_LENGTH 8 KB  -> Werkzeug's own HTML 413 for a bigger body on
                              POST /api/uploads (the route reads the body);
  GET /api/v1/orders/<id>  -> Flask's redirect(), a 301 to /api/orders/<id>.
"""
from flask import jsonify, redirect, request

from flask_wsgi import app

app.config["MAX_CONTENT_LENGTH"] = 8 * 1024


@app.post("/api/uploads")
def upload():
    data = request.get_data()  # raises RequestEntityTooLarge over the limit
    return jsonify({"stored": len(data)}), 201


@app.get("/api/v1/orders/<oid>")
def old_order(oid):
    return redirect(f"/api/orders/{oid}", code=301)
