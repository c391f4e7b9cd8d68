"""Round-91 corpus: the Juniper orders API (Django 5.2 + Django REST framework
3.18, DEBUG=False, on gunicorn).

The team customised Django's error handling the usual way: DEBUG=False with
its own templates/404.html and templates/500.html (HTML, for any path DRF
does not handle), and REST_FRAMEWORK's EXCEPTION_HANDLER wrapping DRF's
answers in {"error": {...}}. Its own 502/503/504 are DRF APIExceptions.
"""
import os
import socket
import sys
import time

import django
from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import deps  # noqa: E402

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    SECRET_KEY="corpus-round91-not-a-secret",
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [os.path.join(HERE, "templates")]}],
    DATABASES={},
    USE_TZ=True,
    REST_FRAMEWORK={
        "EXCEPTION_HANDLER": "django_app.api_exception_handler",
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()

from django.urls import path  # noqa: E402
from rest_framework import status as st  # noqa: E402
from rest_framework.exceptions import APIException, NotFound  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView, exception_handler  # noqa: E402


def api_exception_handler(exc, context):
    resp = exception_handler(exc, context)
    if resp is None:
        return None  # unhandled: Django's 500 (templates/500.html)
    code = getattr(exc, "default_code", "error")
    detail = resp.data.get("detail", resp.data) if isinstance(resp.data, dict) else resp.data
    resp.data = {"error": {"code": code, "message": detail, "status": resp.status_code}}
    return resp


class BadGateway(APIException):
    status_code = 502
    default_code = "inventory_unreachable"
    default_detail = "inventory service unreachable"


class Unavailable(APIException):
    status_code = 503
    default_code = "payments_unavailable"
    default_detail = "payment provider unavailable, try again shortly"


class Timeout(APIException):
    status_code = 504
    default_code = "pricing_timeout"
    default_detail = "pricing service did not answer within 1s"


class Order(APIView):
    def get(self, request, oid):
        if oid != 1:
            raise NotFound(f"order {oid} does not exist")
        r = Response({"id": 1, "ref": "JU-1001", "total": 41.5})
        r["Cache-Control"] = "public, max-age=2"
        r["ETag"] = '"ju-1001-v1"'
        return r


class Orders(APIView):
    def post(self, request):
        data = request.data  # malformed JSON -> ParseError 400
        if "sku" not in data:
            from rest_framework.exceptions import ValidationError
            raise ValidationError({"sku": ["This field is required."]})
        return Response({"id": 2}, status=201)


class Cart(APIView):
    def get(self, request):
        if request.query_params.get("coupon"):
            raise KeyError("COUPON_TABLE")  # unhandled -> templates/500.html
        return Response({"items": [], "currency": "EUR"})


class Inventory(APIView):
    def get(self, request):
        try:
            deps.call("DEP_DOWN")
        except OSError:
            raise BadGateway()
        return Response({"ok": True})


class Payments(APIView):
    def get(self, request):
        try:
            deps.call("DEP_DOWN")
        except OSError:
            exc = Unavailable()
            exc.wait = 30
            raise exc
        return Response({"ok": True})

    def handle_exception(self, exc):
        resp = super().handle_exception(exc)
        if isinstance(exc, Unavailable):
            resp["Retry-After"] = "30"
        return resp


class Quotes(APIView):
    def get(self, request):
        try:
            deps.call("DEP_SLOW")
        except socket.timeout:
            raise Timeout()
        return Response({"ok": True})


class Report(APIView):
    def get(self, request):
        time.sleep(6)
        return Response({"rows": 0})


class Health(APIView):
    def get(self, request):
        return Response({"status": "ok"})


urlpatterns = [
    path("api/orders/<int:oid>", Order.as_view()),
    path("api/orders", Orders.as_view()),
    path("api/cart", Cart.as_view()),
    path("api/inventory", Inventory.as_view()),
    path("api/payments", Payments.as_view()),
    path("api/quotes", Quotes.as_view()),
    path("api/report", Report.as_view()),
    path("healthz", Health.as_view()),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
