"""Round-28 corpus: a single-file Django project in production (DEBUG=False).

Run under gunicorn: `gunicorn django_app:application`. DJANGO_DB is the path
of an SQLite file whose migrations were never run (the deploy skipped
`manage.py migrate`), so a view that reads its table fails with "no such
table" and Django answers with its stock 500 page. Everything Django answers
by itself uses its stock production pages: 400 (DisallowedHost), 403 (CSRF),
404, 500.
"""
import json
import os
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round28-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "shop.example.com"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                           "NAME": os.environ.get("DJANGO_DB", "/tmp/round28-django.sqlite3")}},
    DATA_UPLOAD_MAX_MEMORY_SIZE=2621440,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


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
    if not isinstance(data.get("qty"), int) or data["qty"] <= 0:
        return JsonResponse({"errors": {"qty": ["Ensure this value is greater than or equal to 1."]}}, status=400)
    return JsonResponse({"id": 2}, status=201)


def checkout(request):  # CSRF-protected: a POST without a token is refused by the middleware
    return JsonResponse({"ok": True})


def admin(request):
    if "HTTP_AUTHORIZATION" not in request.META:
        r = JsonResponse({"detail": "Authentication credentials were not provided."}, status=401)
        r["WWW-Authenticate"] = 'Token realm="api"'
        return r
    return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)


def boom(request):
    return JsonResponse({"total": None + 1})


def invoices(request):  # the table of a migration that was never applied
    with connection.cursor() as cur:
        cur.execute("SELECT id, total FROM billing_invoice ORDER BY id DESC LIMIT 20")
        rows = cur.fetchall()
    return JsonResponse({"invoices": rows})


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
    path("api/checkout", checkout),
    path("api/admin/reports", admin),
    path("api/boom", boom),
    path("api/invoices", invoices),
    path("api/slow", slow),
    path("api/upload", upload),
]

application = get_wsgi_application()
