"""Round 97: round 78's Halyard orders API (apps78/fastapi_app.py) unchanged,
plus one middleware the team added: the order routes (/api/orders...) carry
the app's own X-Correlation-ID (`hy-` + 16 hex). Other routes carry none."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps78"))
from fastapi_app import app  # noqa: E402,F401
from starlette.requests import Request  # noqa: E402


@app.middleware("http")
async def correlation(request: Request, call_next):
    resp = await call_next(request)
    if request.url.path.startswith("/api/orders"):
        resp.headers["X-Correlation-ID"] = "hy-" + uuid.uuid4().hex[:16]
    return resp
