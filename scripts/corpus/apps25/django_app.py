"""Round-25 corpus: the orders API as a single-file Django project under
gunicorn behind nginx, DEBUG off. nginx sends `X-Request-ID: $request_id`;
a small middleware takes it (or makes one when the request came without)
and echoes it on every response as X-Request-ID, and the app's own JSON
errors carry it in the body too. What Django answers by itself (an unrouted
path, an unhandled bug, the CSRF check, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE) is its stock production page, with the header
but no id in the body. Run: `gunicorn django_app:application`.
"""
import json
import time
import uuid

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round25-not-a-secret-round25-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "api.example.test"],
    ROOT_URLCONF=__name__,
    DATA_UPLOAD_MAX_MEMORY_SIZE=2048,
    MIDDLEWARE=[
        __name__ + ".RequestIdMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING={"version": 1, "disable_existing_loggers": True},
)

from django.http import JsonResponse  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request.META.get("HTTP_X_REQUEST_ID") or uuid.uuid4().hex
        request.request_id = rid
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response


def problem(request, status, code, detail, **headers):
    r = JsonResponse({"error": {"code": code, "detail": detail, "request_id": request.request_id}}, status=status)
    for k, v in headers.items():
        r[k.replace("_", "-")] = v
    return r


def health(request):
    return JsonResponse({"status": "ok"})


def ready(request):
    return JsonResponse({"status": "fail", "request_id": request.request_id,
                         "checks": {"postgres": {"status": "fail", "output": "connection timed out"}}}, status=503)


def order(request, order_id):
    if order_id != 1:
        return problem(request, 404, "not_found", "Order %d does not exist." % order_id)
    return JsonResponse({"id": 1, "sku": "A-1", "qty": 2})


@csrf_exempt
def orders(request):
    if request.method != "POST":
        return JsonResponse({"orders": [{"id": 1, "sku": "A-1"}]})
    try:
        data = json.loads(request.body or b"")
    except ValueError:
        return problem(request, 400, "invalid_json", "Request body is not valid JSON.")
    if not data.get("sku"):
        return problem(request, 400, "validation_error", "sku: This field is required.")
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        return JsonResponse({"error": {"code": "validation_error", "request_id": request.request_id, "fields": {
            "qty": ["Ensure this value is greater than or equal to 1."]}}}, status=422)
    return JsonResponse({"id": 2, "sku": data["sku"], "qty": data["qty"]}, status=201)


@csrf_exempt
def cancel(request, order_id):
    return problem(request, 409, "conflict", "Order %d has already shipped and cannot be cancelled." % order_id)


def checkout(request):  # CSRF-protected
    return JsonResponse({"ok": True})


def admin(request):
    if "HTTP_AUTHORIZATION" not in request.META:
        return problem(request, 401, "not_authenticated", "Authentication credentials were not provided.",
                       WWW_Authenticate='Bearer realm="api"')
    return problem(request, 403, "permission_denied", "You do not have permission to perform this action.")


def limited(request):
    return problem(request, 429, "throttled", "Request was throttled. Expected available in 42 seconds.", Retry_After="42")


def boom(request):
    total = None
    return JsonResponse({"total": total + 1})  # TypeError: Django's own 500 page


def maintenance(request):
    return problem(request, 503, "maintenance", "Orders is down for scheduled maintenance.", Retry_After="600")


def slow(request):
    time.sleep(5)
    return JsonResponse({"status": "late"})


def inventory(request):  # the app's own dependency timed out
    time.sleep(1)
    return problem(request, 504, "upstream_timeout", "inventory service did not answer within 1000 ms")


urlpatterns = [
    path("api/health", health),
    path("api/health/ready", ready),
    path("api/orders", orders),
    path("api/orders/<int:order_id>", order),
    path("api/orders/<int:order_id>/cancel", cancel),
    path("api/checkout", checkout),
    path("api/admin/reports", admin),
    path("api/limited", limited),
    path("api/boom", boom),
    path("api/maintenance", maintenance),
    path("api/slow", slow),
    path("api/inventory", inventory),
]

application = get_wsgi_application()
