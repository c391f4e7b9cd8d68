"""Round 139: round 102's Plover orders API on Bottle (apps102/bottle_app.py),
unchanged, plus one redirect of its own:
  GET /api/legacy/orders/<id>   bottle.redirect(), a 302 to /api/orders/<id>
Run: waitress-serve / gunicorn / granian --interface wsgi ... bottle139:app
(PYTHONPATH has apps102)
"""
import bottle

from bottle_app import app


@app.get("/api/legacy/orders/<oid>")
def legacy_order(oid):
    bottle.redirect(f"/api/orders/{oid}", 302)
