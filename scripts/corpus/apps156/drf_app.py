"""Round 156: the Pellbrook invoices API on Django 5.2 + Django REST
framework 3.18, served by gunicorn. The team set EXCEPTION_HANDLER to their
own handler: every DRF error (404, 405, 400 validation, 401, throttled 429,
uncaught exceptions as 500) answers {"error": {"code", "message", "details"},
"request_id"} with the front's X-Request-ID echoed. Its own dependency
errors: /api/payments JSON 502 (the payment gateway refused), /api/ledger
HTML 503 (ledger database in failover), /api/reports JSON 504 (warehouse
timed out). /api/slow takes 6 s. Unrouted paths outside /api/ get Django's
HTML "Not Found" (DEBUG off).
Run: python -m gunicorn --bind 127.0.0.1:PORT drf_app:application
"""
import time
from django.conf import settings

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="round-156-not-a-secret",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"], DATABASES={}, USE_TZ=True,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [], "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "EXCEPTION_HANDLER": __name__ + ".team_exception_handler",
    },
)
import django  # noqa: E402
django.setup()
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework import exceptions, serializers  # noqa: E402
from rest_framework.decorators import api_view  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import exception_handler  # noqa: E402

def rid(request):
    return request.META.get("HTTP_X_REQUEST_ID", "-")

def team_exception_handler(exc, context):
    request = context["request"]
    resp = exception_handler(exc, context)
    if resp is None:
        body = {"error": {"code": "internal_error", "message": "Unexpected error; the team has been notified.", "details": None}, "request_id": rid(request)}
        return Response(body, status=500)
    code = getattr(exc, "default_code", "error")
    details = resp.data if isinstance(exc, exceptions.ValidationError) else None
    message = resp.data.get("detail") if isinstance(resp.data, dict) and "detail" in resp.data else "Invalid input."
    if isinstance(exc, exceptions.Throttled):
        code = "throttled"
    resp.data = {"error": {"code": str(code), "message": str(message), "details": details}, "request_id": rid(request)}
    return resp

INVOICES = {1: {"id": 1, "number": "PB-2025-0001", "amount": "1840.00", "currency": "EUR", "status": "open"}}

class InvoiceIn(serializers.Serializer):
    customer = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)

@api_view(["GET"])
def invoice(request, pk):
    if pk not in INVOICES:
        raise exceptions.NotFound(f"Invoice {pk} does not exist.")
    return Response(INVOICES[pk])

@api_view(["POST"])
def create(request):
    s = InvoiceIn(data=request.data)
    s.is_valid(raise_exception=True)
    return Response({"id": 2, **s.validated_data}, status=201)

@api_view(["GET"])
def account(request):
    raise exceptions.NotAuthenticated()

class Burst(exceptions.Throttled):
    pass

@api_view(["GET"])
def search(request):
    raise exceptions.Throttled(wait=30)

@api_view(["GET"])
def boom(request):
    raise RuntimeError("ledger row 7 has no currency")

def payments(request):
    return JsonResponse({"error": {"code": "payment_gateway_unavailable", "message": "The payment gateway (Stripe) refused the connection.", "dependency": "stripe"}, "request_id": rid(request)}, status=502)

def ledger(request):
    r = HttpResponse(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>503 Service Unavailable | Pellbrook</title></head>
<body><main class="pb-error"><h1>Ledger temporarily unavailable</h1>
<p>The ledger database (PostgreSQL primary) is failing over. Please retry in a few minutes.</p>
<p class="ref">Reference: {rid(request)}</p></main></body></html>
""", status=503, content_type="text/html; charset=utf-8")
    r["Retry-After"] = "120"
    return r

def reports(request):
    return JsonResponse({"error": {"code": "upstream_timeout", "message": "The reporting warehouse (ClickHouse) did not answer within 10 s.", "dependency": "clickhouse"}, "request_id": rid(request)}, status=504)

def slow(request):
    time.sleep(6)
    return JsonResponse({"ok": True})

urlpatterns = [
    path("api/invoices/<int:pk>", invoice), path("api/invoices", create),
    path("api/account", account), path("api/search", search), path("api/boom", boom),
    path("api/payments", payments), path("api/ledger", ledger), path("api/reports", reports),
    path("api/slow", slow),
]
from django.core.wsgi import get_wsgi_application  # noqa: E402
application = get_wsgi_application()
