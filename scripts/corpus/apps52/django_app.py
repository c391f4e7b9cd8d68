# Orders API in Django (round 52), one file, DEBUG off, JSON errors of its own.
import time
from django.conf import settings

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__,
    SECRET_KEY="round52-not-a-secret", MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


def err(status, code, detail, **headers):
    resp = JsonResponse({"error": code, "detail": detail}, status=status)
    for k, v in headers.items():
        resp[k.replace("_", "-")] = v
    return resp


def order(request, oid):
    if oid != 42:
        return err(404, "not_found", f"No order matches id {oid}.")
    return JsonResponse({"id": 42, "sku": "A-1", "qty": 2})


def reports(request):
    key = request.headers.get("X-Api-Key")
    if not key:
        return err(401, "not_authenticated", "Authentication credentials were not provided.", WWW_Authenticate='ApiKey realm="orders"')
    if key != "k-admin-7f3a":
        return err(403, "permission_denied", "You do not have permission to perform this action.")
    return JsonResponse({"reports": []})


def limited(request):
    return err(429, "throttled", "Request was throttled. Expected available in 30 seconds.", Retry_After="30")


def maintenance(request):
    return err(503, "maintenance", "Orders are under maintenance.", Retry_After="120")


def slow(request):
    time.sleep(5)
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/orders/<int:oid>", order),
    path("api/admin/reports", reports),
    path("api/limited", limited),
    path("api/maintenance", maintenance),
    path("api/slow", slow),
    path("api/search", lambda request: JsonResponse({"results": []})),
]

application = get_wsgi_application()
