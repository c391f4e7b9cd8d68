"""Round-47 corpus (round 42's project): a single-file Django project
(DEBUG=False) under gunicorn (sync workers), the upstream of the FastAPI
gateway and of Caddy alone. JSON views for a warehouse API;
Django's stock production pages for what it answers itself (404, 500, CSRF
403, DisallowedHost 400). `gunicorn django_app:application`"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round47-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "wms.example.com"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES={},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, JsonResponse, HttpResponsePermanentRedirect  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


def err(status, code, message, **extra):
    return JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status)


def item(request, sku):
    if sku != "SKU-1":
        return err(404, "item_not_found", f"No stock item {sku}")
    return JsonResponse({"sku": "SKU-1", "on_hand": 14})


def bin_page(request, code):
    raise Http404("no such bin")


@csrf_exempt
def cancel(request, rid):
    return err(409, "already_received", f"Receipt {rid} was already put away")


@csrf_exempt
def receive(request):
    if request.method != "POST":
        return err(405, "method_not_allowed", "Use POST")
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return err(400, "invalid_json", "Body is not JSON")
    if "qty" not in body:
        return JsonResponse({"errors": {"qty": ["This field is required."]}}, status=422)
    return JsonResponse({"id": "RCV-2"}, status=201)


def adjust(request):  # CSRF on: a POST without the token is Django's 403 page
    return JsonResponse({"ok": True})


def admin(request):
    if "HTTP_AUTHORIZATION" not in request.META:
        r = err(401, "not_authenticated", "Authentication credentials were not provided.")
        r["WWW-Authenticate"] = 'Token realm="wms"'
        return r
    return err(403, "permission_denied", "You do not have permission to perform this action.")


def picks(request):
    r = err(429, "throttled", "Request was throttled. Expected available in 42 seconds.")
    r["Retry-After"] = "42"
    return r


def boom(request):
    return JsonResponse({"zone": request.GET["zone"]})


def maintenance(request):
    r = err(503, "maintenance", "Stock count in progress")
    r["Retry-After"] = "600"
    return r


def slow(request):
    time.sleep(5)
    return JsonResponse({"status": "late"})


def old(request, sku):
    return HttpResponsePermanentRedirect(f"/api/items/{sku}")


urlpatterns = [
    path("api/items/<str:sku>", item),
    path("bins/<str:code>/", bin_page),
    path("api/receipts", receive),
    path("api/receipts/<str:rid>/cancel", cancel),
    path("api/adjustments", adjust),
    path("api/admin/users", admin),
    path("api/picks", picks),
    path("api/boom", boom),
    path("api/maintenance", maintenance),
    path("api/slow", slow),
    path("items/<str:sku>", old),
]

application = get_wsgi_application()
