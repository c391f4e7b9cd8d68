"""Round 139: round 102's Heron orders API on Quart (apps102/quart_app.py),
unchanged, plus one redirect of its own:
  GET /api/legacy/orders/<id>   Quart's redirect(), a 302 to /api/orders/<id>
Run: python -m hypercorn|uvicorn|granian ... quart139:app (PYTHONPATH has apps102)
"""
from quart import redirect

from quart_app import app


@app.get("/api/legacy/orders/<oid>")
async def legacy_order(oid):
    return redirect(f"/api/orders/{oid}", 302)
