"""Round 41: a small documents API in Flask, with the rarer errors teams
write themselves (409, 410, 412, 415, 416, 422, 423, 428, 451, 501, 507)
and the ones Werkzeug writes for the app (405, 415, 416)."""
import io
import time

from flask import Flask, abort, jsonify, request, send_file

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
REPORT = b"id,total\n" + b"".join(b"%d,%d\n" % (i, i * 7) for i in range(200))
DOC_ETAG = '"doc-v7"'


def err(status, code, message, **extra):
    body = {"error": {"code": code, "message": message}}
    body["error"].update(extra)
    return jsonify(body), status


@app.get("/api/documents/<int:doc_id>")
def get_doc(doc_id):
    if doc_id == 13:
        return err(410, "gone", "document 13 was deleted on 2026-11-30")
    if doc_id == 451:
        return err(451, "unavailable_for_legal_reasons", "this document is withheld in your region")
    resp = jsonify({"id": doc_id, "title": "Q3 plan", "version": 7})
    resp.headers["ETag"] = DOC_ETAG
    return resp


@app.put("/api/documents/<int:doc_id>")
def put_doc(doc_id):
    if "If-Match" not in request.headers:
        return err(428, "precondition_required", "send If-Match with the document's ETag")
    if request.headers["If-Match"] != DOC_ETAG:
        return err(412, "precondition_failed", "the document changed since you read it", current_etag=DOC_ETAG)
    if doc_id == 9:
        return err(423, "locked", "the document is locked by another editor")
    data = request.get_json()  # Werkzeug's 415 when the body is not JSON
    if not isinstance(data, dict) or not data.get("title"):
        return err(422, "validation_failed", "title is required")
    return jsonify({"id": doc_id, "title": data["title"], "version": 8})


@app.post("/api/documents")
def create_doc():
    data = request.get_json()
    if data.get("slug") == "q3-plan":
        return err(409, "conflict", "a document with this slug already exists")
    if data.get("size", 0) > 1000000:
        return err(507, "insufficient_storage", "the workspace quota is used up")
    return jsonify({"id": 42}), 201


@app.route("/api/documents/<int:doc_id>/export", methods=["GET"])
def export(doc_id):
    fmt = request.args.get("format", "csv")
    if fmt != "csv":
        return err(501, "not_implemented", "export format %s is not implemented" % fmt)
    return send_file(io.BytesIO(REPORT), mimetype="text/csv", conditional=True,
                     etag="report-v1", last_modified=1764800000)


@app.post("/api/uploads")
def upload():
    if request.mimetype != "application/pdf":
        return err(415, "unsupported_media_type", "only application/pdf is accepted")
    return jsonify({"ok": True}), 201


@app.get("/api/catalog")
def catalog():
    resp = jsonify({"items": [{"sku": "A-1"}, {"sku": "B-2"}]})
    resp.headers["Cache-Control"] = "public, max-age=300"
    resp.headers["ETag"] = '"catalog-1"'
    return resp


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return jsonify({"ok": True})


@app.route("/api/legacy-sync", methods=["GET", "POST"])
def legacy():
    abort(501)
