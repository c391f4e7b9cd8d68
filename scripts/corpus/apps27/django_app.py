"""Round-27 corpus (round 24's app, adapted): the orders API as a single-file
Django project under uWSGI behind nginx (uwsgi_pass), the way a team runs it in
production (DEBUG off, ALLOWED_HOSTS set, DATA_UPLOAD_MAX_MEMORY_SIZE cut to
2 KiB). Its own errors are JSON; what Django answers by itself (an unrouted
path, an unhandled bug, the CSRF check, a Host not in ALLOWED_HOSTS, a body
over the upload limit) is Django's stock production page. A readiness check
that fails (/api/health/ready, the app's JSON 503).
Run under uWSGI: `module = django_app:application`. A Bearer token that is
not accepted gets a 401 with error="invalid_token" (RFC 6750), a token
without the scope a 403.
"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round27-not-a-secret-round27-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "api.example.test"],
    ROOT_URLCONF=__name__,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    USE_X_FORWARDED_HOST=True,
    DATA_UPLOAD_MAX_MEMORY_SIZE=2048,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.http.ConditionalGetMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING={"version": 1, "disable_existing_loggers": True},
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


def problem(status, code, detail, **headers):
    r = JsonResponse({"error": {"code": code, "detail": detail}}, status=status)
    for k, v in headers.items():
        r[k.replace("_", "-")] = v
    return r


def health(request):
    return JsonResponse({"status": "ok"})


def ready(request):
    return JsonResponse({"status": "fail", "checks": {"postgres": {"status": "fail", "output": "connection timed out"}}},
                        status=503)


def order(request, order_id):
    if order_id != 1:
        return problem(404, "not_found", "Order %d does not exist." % order_id)
    return JsonResponse({"id": 1, "sku": "A-1", "qty": 2})


@csrf_exempt
def orders(request):
    if request.method != "POST":
        return JsonResponse({"orders": [{"id": 1, "sku": "A-1"}]})
    try:
        data = json.loads(request.body or b"")
    except ValueError:
        return problem(400, "invalid_json", "Request body is not valid JSON.")
    if not data.get("sku"):
        return problem(400, "validation_error", "sku: This field is required.")
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        return JsonResponse({"error": {"code": "validation_error", "fields": {
            "qty": ["Ensure this value is greater than or equal to 1."]}}}, status=422)
    return JsonResponse({"id": 2, "sku": data["sku"], "qty": data["qty"]}, status=201)


@csrf_exempt
def cancel(request, order_id):
    return problem(409, "conflict", "Order %d has already shipped and cannot be cancelled." % order_id)


def checkout(request):  # CSRF-protected: a POST without the token is refused by the middleware
    return JsonResponse({"ok": True})


def admin(request):
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    if not auth:
        return problem(401, "not_authenticated", "Authentication credentials were not provided.",
                       WWW_Authenticate='Bearer realm="api"')
    if auth not in ("Bearer admin-token", "Bearer user-token"):
        return problem(401, "token_not_valid", "Given token not valid for any token type",
                       WWW_Authenticate='Bearer realm="api", error="invalid_token", error_description="The access token expired"')
    return problem(403, "permission_denied", "You do not have permission to perform this action.")


def limited(request):
    return problem(429, "throttled", "Request was throttled. Expected available in 42 seconds.", Retry_After="42")


def boom(request):
    total = None
    return JsonResponse({"total": total + 1})  # TypeError: Django's own 500 page


def maintenance(request):
    return problem(503, "maintenance", "Orders is down for scheduled maintenance.", Retry_After="600")


def slow(request):
    time.sleep(5)
    return JsonResponse({"status": "late"})


def search(request):
    return JsonResponse({"q": request.GET.get("q", ""), "results": [{"sku": "A-1"}]})


def catalog(request):
    r = JsonResponse({"items": [{"sku": "A-1", "price": 1200}, {"sku": "B-2", "price": 450}]})
    r["Cache-Control"] = "public, max-age=120"
    return r


def report(request):
    return problem(500, "report_failed", "The report could not be generated.")


urlpatterns = [
    path("api/health", health),
    path("api/health/ready", ready),
    path("api/orders", orders),
    path("api/imports/orders", orders),
    path("api/orders/<int:order_id>", order),
    path("api/orders/<int:order_id>/cancel", cancel),
    path("api/checkout", checkout),
    path("api/admin/reports", admin),
    path("api/limited", limited),
    path("api/boom", boom),
    path("api/maintenance", maintenance),
    path("api/slow", slow),
    path("api/catalog", catalog),
    path("api/search", search),
    path("api/report", report),
]

application = get_wsgi_application()
