"""Round-45 corpus: the orders API on Django Ninja (Django 5.2, DEBUG off), a WSGI
app for gunicorn.

  gunicorn -b 127.0.0.1:PORT ninja_app:application

The same routes as the other round-45 apps. Ninja's own answers: the 422
validation list, {"detail": "Not Found"}, "Method not allowed" (405), the
HttpBearer 401, the throttle's 429. Django's own: the "Not Found" page for a
path outside the API and "Server Error (500)" for an uncaught exception.
"""

import time

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="corpus-round45-not-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "orders.example.test"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "ninja"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={},
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    DATA_UPLOAD_MAX_MEMORY_SIZE=10 * 1024 * 1024,
    USE_X_FORWARDED_HOST=False,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from ninja import Field, NinjaAPI, Schema  # noqa: E402
from ninja.errors import HttpError  # noqa: E402
from ninja.security import HttpBearer  # noqa: E402
from ninja.throttling import AnonRateThrottle  # noqa: E402

api = NinjaAPI(title="orders")
ORDER = {"id": 1, "sku": "A-1", "qty": 2, "status": "paid"}


class Bearer(HttpBearer):
    def authenticate(self, request, token):
        if token == "admin-token":
            return "admin"
        if token == "user-token":
            raise HttpError(403, "reports:read scope required")
        return None


class NewOrder(Schema):
    sku: str
    qty: int = Field(..., ge=1)


@api.get("/health")
def health(request):
    return {"status": "ok"}


@api.get("/orders/{oid}")
def order(request, oid: int):
    if oid != 1:
        raise HttpError(404, "order %d not found" % oid)
    return ORDER


@api.post("/orders", response={201: dict})
def create(request, body: NewOrder):
    return 201, {"id": 2, "sku": body.sku, "qty": body.qty, "status": "pending"}


@api.get("/admin/reports", auth=Bearer())
def reports(request):
    return {"reports": []}


@api.post("/orders/{oid}/cancel")
def cancel(request, oid: int):
    return JsonResponse({"error": "conflict", "message": "order %d has already shipped" % oid}, status=409)


@api.get("/limited", throttle=[AnonRateThrottle("1/m")])
def limited(request):
    return {"status": "ok"}


@api.get("/boom")
def boom(request):
    totals = {}
    return {"total": totals["EUR"]}  # KeyError: not handled


@api.get("/maintenance")
def maintenance(request):
    r = JsonResponse({"error": "maintenance", "message": "orders are read-only during the migration"}, status=503)
    r["Retry-After"] = "120"
    return r


@api.get("/slow")
def slow(request):
    time.sleep(5)
    return {"status": "late"}


@api.post("/upload")
def upload(request):
    return {"received": len(request.body)}


urlpatterns = [path("api/", api.urls)]
application = get_wsgi_application()
