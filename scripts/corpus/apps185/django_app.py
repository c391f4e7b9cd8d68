"""Round 185: apps78/django_app.py with api.halyard.test (the Caddy front's host, which Caddy passes on) added to ALLOWED_HOSTS.

Round 78 (copied from round 76, from round 73): a one-file Django orders API (Wrenfield) run on gunicorn behind Apache.

No request id of its own. DEBUG is off, so unrouted paths and unhandled
errors get Django's own short HTML pages ("Not Found", "Server Error (500)").
Round 76 (copied from round 73) adds /api/uploads (the view's own JSON 413 over 64 KB) and the
paths Apache guards by its own rules (/api/internal/, /ops/, /api/billing/,
/api/ledger/, /api/uploads/), each a plain 200 when a request gets through.

Round 78 runs it as a pool of replicas behind one front. Each process
reads REPLICA (its name) and FLAG_DIR (a folder the capture script writes
flags into): with FLAG_DIR/slow every request but /healthz waits 5 s first;
with FLAG_DIR/draining every /api/ request gets the app's JSON 503 with
Retry-After (the instance is shutting down; its /healthz still answers 200,
the readiness check is not wired to the drain). /healthz answers 200 with
the replica's name (Cache-Control: no-store).
Django adds no header naming the replica.
"""
import json
import os
import sys
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round73-not-a-secret",
    ALLOWED_HOSTS=["api.wrenfield.test", "api.halyard.test", "127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django_app.pool_middleware", "django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    LOGGING_CONFIG=None,
)

import django  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

django.setup()

REPLICA = os.environ.get("REPLICA", "wrenfield-web-1")
FLAG_DIR = os.environ.get("FLAG_DIR", "")


def _flag(name):
    return bool(FLAG_DIR) and os.path.exists(os.path.join(FLAG_DIR, name))


def pool_middleware(get_response):  # round 78: one replica of a pool
    def middleware(request):
        if request.path != "/healthz":
            if _flag("slow"):
                time.sleep(5)
            if _flag("draining") and request.path.startswith("/api/"):
                r = JsonResponse({"errors": [{"code": "draining", "detail": "This instance is shutting down. Retry the request."}]}, status=503)
                r["Retry-After"] = "30"
                return r
        return get_response(request)
    return middleware


def healthz(request):
    r = JsonResponse({"status": "ok", "replica": REPLICA})
    r["Cache-Control"] = "no-store"
    return r


ORDERS = {1: {"id": 1, "ref": "WF-1001", "total": "18.00", "currency": "GBP", "status": "shipped"}}


def order(request, oid):
    if not oid.isdigit():
        return JsonResponse({"errors": [{"code": "invalid", "detail": "Order id must be an integer."}]}, status=400)
    o = ORDERS.get(int(oid))
    if o is None:
        return JsonResponse({"errors": [{"code": "not_found", "detail": "No order matches the given query."}]}, status=404)
    return JsonResponse(o)


@csrf_exempt
def orders(request):
    if request.method != "POST":
        return JsonResponse({"results": list(ORDERS.values())})
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = {}
    ref = data.get("ref")
    if not ref:
        return JsonResponse({"errors": [{"code": "required", "field": "ref", "detail": "This field is required."}]}, status=422)
    if ref == "WF-1001":
        return JsonResponse({"errors": [{"code": "conflict", "detail": "An order with this ref already exists."}]}, status=409)
    return JsonResponse({"id": 2, "ref": ref, "status": "pending"}, status=201)


def account(request):
    r = JsonResponse({"errors": [{"code": "not_authenticated", "detail": "Authentication credentials were not provided."}]}, status=401)
    r["WWW-Authenticate"] = 'Bearer realm="api"'
    return r


def admin(request):
    return JsonResponse({"errors": [{"code": "permission_denied", "detail": "You do not have permission to perform this action."}]}, status=403)


def quota(request):
    r = JsonResponse({"errors": [{"code": "throttled", "detail": "Request was throttled. Expected available in 30 seconds."}]}, status=429)
    r["Retry-After"] = "30"
    return r


def maintenance(request):
    r = JsonResponse({"errors": [{"code": "maintenance", "detail": "Orders are read-only during the nightly export."}]}, status=503)
    r["Retry-After"] = "600"
    return r


def boom(request):
    raise RuntimeError("ledger total mismatch")


def slow(request):
    time.sleep(5)
    return JsonResponse({"ok": True, "waited": 5})


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason} | Wrenfield</title></head>
<body><h1>{reason}</h1><p>{text}</p></body></html>
"""


def payments(request):
    return HttpResponse(PAGE.format(code=502, reason="Bad Gateway", text="The payment provider did not answer."), status=502)


def statements(request):
    return HttpResponse(PAGE.format(code=503, reason="Service Unavailable", text="Statements are being rebuilt."), status=503)


@csrf_exempt
def upload(request, name=None):
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    if size > 64 * 1024:
        return JsonResponse({"errors": [{"code": "too_large", "detail": "Upload is larger than 64 KB."}]}, status=413)
    return JsonResponse({"stored": len(request.body)}, status=201)


def plain(request, name):
    return JsonResponse({"item": name, "ok": True})


urlpatterns = [
    path("healthz", healthz),
    path("api/uploads", upload),
    path("api/uploads/<str:name>", upload),
    path("api/internal/<str:name>", plain),
    path("ops/<str:name>", plain),
    path("api/billing/<str:name>", plain),
    path("api/ledger/<str:name>", plain),
    path("api/orders/<str:oid>", order),
    path("api/orders", orders),
    path("api/account", account),
    path("api/admin", admin),
    path("api/quota", quota),
    path("api/maintenance", maintenance),
    path("api/boom", boom),
    path("api/slow", slow),
    path("api/payments", payments),
    path("api/statements", statements),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
