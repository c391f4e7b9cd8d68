"""Round-99 corpus: the Tansy orders API (Django 5.2 on gunicorn, ONE sync
worker, DEBUG off), round 88's app with round 99's routes (see common.py)."""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

from django.conf import settings  # noqa: E402

settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="corpus99",
                   MIDDLEWARE=["django.middleware.common.CommonMiddleware"], USE_TZ=True,
                   LOGGING_CONFIG=None)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse  # noqa: E402
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
    etag = f'"ta-100{oid}-v1"'
    if request.headers.get("If-None-Match") == etag:
        r = HttpResponse(status=304)
    else:
        r = JsonResponse({"id": oid, "ref": f"TA-100{oid}", "replica": common.REPLICA})
    r["Cache-Control"] = "public, max-age=2"
    r["ETag"] = etag
    return r


@csrf_exempt
def hold(request, oid):
    return HttpResponse(status=204)


def account(request):
    if request.headers.get("Authorization") != common.TOKEN:
        return err(401, "unauthorized", "missing or invalid bearer token", WWW_Authenticate='Bearer realm="tansy"')
    return JsonResponse({"user": "oncall", "plan": "team"})


def cart(request):
    common.warm_up()
    if common.DEPLOY == "v2":
        raise KeyError("CART_TTL")
    return JsonResponse({"items": [], "currency": "EUR"})


def checkout(request):
    if not os.environ.get("CHECKOUT_KEY"):
        return err(500, "config_missing", "CHECKOUT_KEY is not set")
    return JsonResponse({"checkout": "ready"})


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


def search(request):
    if common.overloaded():
        return err(429, "rate_limited", "too many requests: search is shedding load", Retry_After="10")
    return JsonResponse({"results": []})


def bulk(request):
    if common.overloaded():
        return err(503, "overloaded", "worker queue full (64/64), try again later", Retry_After="20")
    return JsonResponse({"queued": 0})


def thumbnails(request):
    try:
        common.render_thumbnails()
    except MemoryError:
        return err(500, "out_of_memory", "out of memory while rendering thumbnails (MemoryError)")
    return JsonResponse({"ok": True})


def feed(request):
    def rows():
        yield b'{"rows":[{"id":1},'
        time.sleep(0.5)
        raise RuntimeError("feed cursor lost")
    return StreamingHttpResponse(rows(), content_type="application/json")


@csrf_exempt
def receipts(request):
    body = request.body.decode()
    if "amount" not in body:
        return err(422, "invalid", "amount is required")
    common.append_receipt(body)
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
    path("api/account", account), path("api/checkout", checkout), path("api/search", search),
    path("api/bulk", bulk), path("api/thumbnails", thumbnails), path("api/feed", feed),
    path("api/orders/<int:oid>/hold", hold), path("healthz", healthz),
]
if common.DEPLOY != "v2":
    urlpatterns.append(path("api/orders/<int:oid>", order))

application = get_wsgi_application()
