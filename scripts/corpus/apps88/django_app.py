"""Round-88 corpus: the Tansy orders API (Django 5.2 on gunicorn, ONE sync
worker, DEBUG off). Incident routes as in common.py."""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

from django.conf import settings  # noqa: E402

settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="corpus88",
                   MIDDLEWARE=["django.middleware.common.CommonMiddleware"], USE_TZ=True,
                   LOGGING_CONFIG=None)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


def err(status, code, detail, **headers):
    r = JsonResponse({"errors": [{"status": str(status), "code": code, "detail": detail}]}, status=status)
    for k, v in headers.items():
        r[k.replace("_", "-")] = v
    return r


def order(request, oid):
    common.warm_up()
    if oid not in (1, 2):
        return err(404, "not_found", f"order {oid} does not exist")
    r = JsonResponse({"id": oid, "ref": f"TA-100{oid}", "replica": common.REPLICA})
    r["Cache-Control"] = "public, max-age=2"
    r["ETag"] = f'"ta-100{oid}-v1"'
    return r


def cart(request):
    common.warm_up()
    if common.DEPLOY == "v2":
        raise KeyError("CART_TTL")
    return JsonResponse({"items": [], "currency": "EUR"})


def inventory(request):
    try:
        common.call("DEP_DOWN")
    except OSError as e:
        return err(502, "bad_gateway", f"inventory service unreachable: {e}")
    return JsonResponse({"ok": True})


def quotes(request):
    try:
        common.call("DEP_SLOW")
    except socket.timeout:
        return err(504, "gateway_timeout", "pricing service did not answer within 1s")
    return JsonResponse({"ok": True})


def payments(request):
    try:
        common.call("DEP_DOWN")
    except OSError:
        return err(503, "service_unavailable", "payment provider unavailable", Retry_After="30")
    return JsonResponse({"ok": True})


@csrf_exempt
def receipts(request):
    common.append_receipt(request.body.decode() or "{}")
    return JsonResponse({"stored": True}, status=201)


def export(request):
    time.sleep(6)
    return JsonResponse({"rows": 0})


def healthz(request):
    if not common.healthy():
        return JsonResponse({"status": "fail"}, status=503)
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/cart", cart), path("api/inventory", inventory), path("api/quotes", quotes),
    path("api/payments", payments), path("api/receipts", receipts), path("api/export", export),
    path("healthz", healthz),
]
if common.DEPLOY != "v2":
    urlpatterns.append(path("api/orders/<int:oid>", order))

application = get_wsgi_application()
