"""Round-58 corpus (copied from round 55, two routes added): the Ledgerly invoices API as a one-file Django project
(DEBUG off, no middleware), served as ASGI (`asgi`) by uvicorn and by
Hypercorn. Routes as in fastapi_app.py. No request id is set."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="round58-not-a-secret",
    MIDDLEWARE=[], INSTALLED_APPS=[], USE_TZ=True, LOGGING_CONFIG=None,
)
django.setup()

from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from upstream_pages import page  # noqa: E402

INVOICES = {1: {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}}


def err(status, code, message, **headers):
    resp = JsonResponse({"error": code, "message": message}, status=status)
    for k, v in headers.items():
        resp[k] = v
    return resp


def invoices(request):
    if request.method != "POST":
        return err(405, "method_not_allowed", "use POST")
    try:
        data = json.loads(request.body or b"null")
    except ValueError:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return err(409, "duplicate_ref", "an invoice with ref %s already exists" % data["ref"])
    return JsonResponse({"id": 2, "ref": data["ref"], "status": "draft"}, status=201)


def invoice(request, iid):
    if iid in INVOICES:
        return JsonResponse(INVOICES[iid])
    return err(404, "invoice_not_found", "no invoice %d" % iid)


def account(request):
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="ledgerly"'})


def admin(request):
    return err(403, "forbidden", "your role may not open the admin area")


def quota(request):
    return err(429, "rate_limited", "100 requests per minute per key", **{"Retry-After": "30"})


def maintenance(request):
    return err(503, "maintenance", "invoices are read-only during the ledger migration", **{"Retry-After": "120"})


def html(status):
    return lambda request: HttpResponse(page(status), status=status)


def boom(request):
    return JsonResponse({"total": 1 / 0})


def slow(request):
    time.sleep(5)
    return JsonResponse({"slow": True})


def drain(request):
    return HttpResponse(status=503)


def upload(request):
    return err(413, "payload_too_large", "attachments are limited to 512 bytes")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("api/invoices", invoices),
    path("api/invoices/<int:iid>", invoice),
    path("api/account", account),
    path("api/admin", admin),
    path("api/quota", quota),
    path("api/maintenance", maintenance),
    path("api/payments", html(502)),
    path("api/statements", html(503)),
    path("api/bank", html(504)),
    path("api/boom", boom),
    path("api/slow", slow),
    path("api/drain", drain),
    path("api/upload", upload),
    path("healthz", healthz),
]

from django.core.asgi import get_asgi_application  # noqa: E402

asgi = get_asgi_application()
