"""Round-12 corpus: the orders API as a single-file Django project.

DJANGO_DEBUG=1 turns DEBUG on (the technical 404/500 pages); otherwise the
production pages. Run under gunicorn: `gunicorn django_app:application`.
"""
import json
import os
import time

from django.conf import settings

settings.configure(
    DEBUG=os.environ.get("DJANGO_DEBUG") == "1",
    SECRET_KEY="round12-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_GET  # noqa: E402


def health(request):
    return JsonResponse({"status": "ok"})


def order(request, order_id):
    if order_id != 1:
        raise Http404("No Order matches the given query.")
    return JsonResponse({"id": 1, "sku": "A-1"})


@csrf_exempt
def orders(request):
    if request.method != "POST":
        return JsonResponse({"orders": []})
    try:
        data = json.loads(request.body or b"")
    except ValueError:
        return JsonResponse({"errors": {"__all__": ["Invalid JSON."]}}, status=400)
    errors = {}
    if not data.get("sku"):
        errors["sku"] = ["This field is required."]
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        errors["qty"] = ["Ensure this value is greater than or equal to 1."]
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse({"id": 2}, status=201)


def checkout(request):  # CSRF-protected: a POST without a token is refused by the middleware
    return JsonResponse({"ok": True})


@csrf_exempt
def cancel(request, order_id):
    return JsonResponse({"error": "conflict", "detail": "Order already shipped."}, status=409)


def admin(request):
    if "HTTP_AUTHORIZATION" not in request.META:
        r = JsonResponse({"detail": "Authentication credentials were not provided."}, status=401)
        r["WWW-Authenticate"] = 'Token realm="api"'
        return r
    return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)


def limited(request):
    r = JsonResponse({"detail": "Request was throttled. Expected available in 42 seconds."}, status=429)
    r["Retry-After"] = "42"
    return r


@csrf_exempt
@require_GET
def boom(request):
    return JsonResponse({"total": None + 1})


def maintenance(request):
    r = JsonResponse({"detail": "Down for maintenance."}, status=503)
    r["Retry-After"] = "600"
    return r


def slow(request):
    time.sleep(5)
    return JsonResponse({"status": "late"})


@csrf_exempt
def upload(request):
    return JsonResponse({"size": len(request.body)})


urlpatterns = [
    path("api/health", health),
    path("api/orders", orders),
    path("api/orders/<int:order_id>", order),
    path("api/orders/<int:order_id>/cancel", cancel),
    path("api/checkout", checkout),
    path("api/admin/reports", admin),
    path("api/limited", limited),
    path("api/boom", boom),
    path("api/maintenance", maintenance),
    path("api/slow", slow),
    path("api/upload", upload),
]

application = get_wsgi_application()
