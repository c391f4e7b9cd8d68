"""Round 108 (apps71 with a few routes added): a one-file Django orders API (Fernhill) run on gunicorn behind Apache.

No request id of its own. DEBUG is off, so unrouted paths and unhandled
errors get Django's own short HTML pages ("Not Found", "Server Error (500)").
"""
import json
import sys
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round71-not-a-secret",
    ALLOWED_HOSTS=["api.fernhill.test", "127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    LOGGING_CONFIG=None,
)

import django  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

django.setup()

ORDERS = {1: {"id": 1, "ref": "FH-1001", "total": "18.00", "currency": "GBP", "status": "shipped"}}


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
    if ref == "FH-1001":
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
<html><head><title>{code} {reason} | Fernhill</title></head>
<body><h1>{reason}</h1><p>{text}</p></body></html>
"""


def payments(request):
    return HttpResponse(PAGE.format(code=502, reason="Bad Gateway", text="The payment provider did not answer."), status=502)


def statements(request):
    return HttpResponse(PAGE.format(code=503, reason="Service Unavailable", text="Statements are being rebuilt."), status=503)


from django.views.decorators.http import require_GET  # noqa: E402


def docs(request):  # round 108: /api/docs gets CommonMiddleware's 301 to /api/docs/
    return JsonResponse({"docs": "/api/docs/openapi.json"})


@csrf_exempt
@require_GET
def rates(request):  # round 108: POST gets Django's empty 405 (HttpResponseNotAllowed)
    return JsonResponse({"base": "GBP", "rates": {"EUR": 1.16, "USD": 1.26}})


urlpatterns = [
    path("api/docs/", docs),
    path("api/rates", rates),
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
