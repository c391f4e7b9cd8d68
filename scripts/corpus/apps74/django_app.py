"""Round 74: a one-file Django catalog API (Fernhill Tools) served by
Waitress (`Server: waitress`) behind Apache mod_cache + mod_cache_disk.

Cacheable: /api/products/1 (public, max-age=300, ETag, Last-Modified),
/api/rates (public, max-age=2) and the 404 for product 9 (public,
max-age=120). Everything else says no-store. DEBUG is off, so unrouted
paths and unhandled errors get Django's own HTML ("Not Found", "Server
Error (500)").
"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round74-not-a-secret",
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
LM = "Mon, 02 Jun 2025 08:00:00 GMT"


def cached(resp, age, etag):
    resp["Cache-Control"] = f"public, max-age={age}"
    resp["ETag"] = f'"{etag}"'
    resp["Last-Modified"] = LM
    return resp


def err(status, code, detail, age=None):
    resp = JsonResponse({"errors": [{"code": code, "detail": detail}]}, status=status)
    resp["Cache-Control"] = f"public, max-age={age}" if age else "no-store"
    return resp


def product(request, pid):
    if not pid.isdigit():
        return err(400, "invalid", "Product id must be an integer.")
    if pid == "1":
        return cached(JsonResponse({"id": 1, "sku": "FH-CHS-10", "name": "Chisel 10mm", "price": "14.50"}), 300, "fh-p1-v6")
    return err(404, "not_found", "No product matches the given query.", age=120 if pid == "9" else None)


def rates(request):
    return cached(JsonResponse({"GBP": 1, "EUR": "1.1790", "as_of": "2025-06-02"}), 2, "fh-rates-v44")


def order(request, oid):
    return err(404, "not_found", "No order matches the given query.")


@csrf_exempt
def orders(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = {}
    if not data.get("sku"):
        return err(422, "required", "This field is required: sku.")
    resp = JsonResponse({"id": 3101, "sku": data["sku"], "status": "pending"}, status=201)
    resp["Cache-Control"] = "no-store"
    return resp


def account(request):
    resp = err(401, "not_authenticated", "Authentication credentials were not provided.")
    resp["WWW-Authenticate"] = 'Bearer realm="api"'
    return resp


def quota(request):
    resp = err(429, "throttled", "Request was throttled. Expected available in 30 seconds.")
    resp["Retry-After"] = "30"
    return resp


def maintenance(request):
    resp = err(503, "maintenance", "The catalog is read-only during the nightly import.")
    resp["Retry-After"] = "600"
    return resp


def boom(request):
    raise RuntimeError("stock ledger out of balance")


def slow(request):
    time.sleep(5)
    return JsonResponse({"ok": True, "waited": 5})


def statements(request):
    resp = HttpResponse("""<!DOCTYPE html>
<html><head><title>503 Service Unavailable - Fernhill Tools</title></head>
<body><h1>Service Unavailable</h1><p>Invoices are being rebuilt. Try again later.</p></body></html>
""", status=503)
    resp["Cache-Control"] = "no-store"
    return resp


urlpatterns = [
    path("api/products/<str:pid>", product),
    path("api/rates", rates),
    path("api/orders/<str:oid>", order),
    path("api/orders", orders),
    path("api/account", account),
    path("api/quota", quota),
    path("api/maintenance", maintenance),
    path("api/boom", boom),
    path("api/slow", slow),
    path("api/statements", statements),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
