"""Round 144: round 108's Flask orders API (apps108/flask_app.py), unchanged,
with one route added: /api/reports answers the app's own HTML 504 page (the
report service behind it timed out). Run on gunicorn: flask144:app."""
from flask import g

from flask_app import PAGE, app


@app.get("/api/reports")
def reports():
    return PAGE.format(code=504, reason="Gateway Timeout", text="The report service did not answer in time.", rid=g.rid), 504, {"Content-Type": "text/html; charset=utf-8"}
