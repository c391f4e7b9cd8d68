"""Round 97: round 78's Wrenfield orders API (apps78/django_app.py) unchanged,
wrapped in a WSGI middleware the team added: the order routes
(/api/orders...) carry the app's own X-Request-Id (`wf-` + 16 hex). Other
routes carry none."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps78"))
from django_app import application as _inner  # noqa: E402


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not path.startswith("/api/orders"):
        return _inner(environ, start_response)
    rid = "wf-" + uuid.uuid4().hex[:16]

    def sr(status, headers, exc_info=None):
        return start_response(status, list(headers) + [("X-Request-Id", rid)], exc_info)
    return _inner(environ, sr)
