"""Round 102: the Avocet orders API on Django 5.2 + Django REST framework
3.x, served by gunicorn (one gthread worker, four threads) behind Varnish.

DRF writes its own JSON errors: the serializer's validation 400
({"ref": ["This field is required."]}), NotAuthenticated 401 (with the
authenticator's WWW-Authenticate), PermissionDenied 403, NotFound 404,
MethodNotAllowed 405, a ScopedRateThrottle 429 ("Request was throttled")
after a first request that got through, and APIException subclasses for
409 and 413. With DEBUG off Django writes the HTML "Not Found" page for an
unrouted path and "Server Error (500)" for an uncaught error.
Run: python -m gunicorn --bind 127.0.0.1:PORT --workers 1 --threads 4 drf_app:application
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="round-102-not-a-secret",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={},
    USE_TZ=True,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
        "DEFAULT_THROTTLE_RATES": {"quota": "1/min"},
    },
)

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.urls import path  # noqa: E402
from rest_framework import serializers, status  # noqa: E402
from rest_framework.authentication import BaseAuthentication  # noqa: E402
from rest_framework.exceptions import APIException, NotFound, PermissionDenied  # noqa: E402
from rest_framework.permissions import IsAuthenticated  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.throttling import ScopedRateThrottle  # noqa: E402
from rest_framework.views import APIView  # noqa: E402
from django.http import HttpResponse  # noqa: E402

from common import LIMIT, NOT_FOUND_9, ORDER1, ORDER1_HEADERS, page, request_id  # noqa: E402


class BearerAuth(BaseAuthentication):
    def authenticate(self, request):
        return None

    def authenticate_header(self, request):
        return 'Bearer realm="avocet"'


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "An order with this ref already exists."
    default_code = "conflict"


class TooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Uploads are limited to 8 KB."
    default_code = "too_large"


class OrderIn(serializers.Serializer):
    ref = serializers.CharField(max_length=20)
    total = serializers.DecimalField(max_digits=8, decimal_places=2, required=False)


class OrderView(APIView):
    def get(self, request, oid):
        if oid == "1":
            return Response(ORDER1, headers={**ORDER1_HEADERS, "X-Request-ID": request_id(request.headers.get("X-Request-ID"))})
        if oid == "9":
            return Response(NOT_FOUND_9, status=404, headers={"Cache-Control": "public, max-age=120"})
        if not oid.isdigit():
            return Response({"id": [f"A valid integer is required, got '{oid}'."]}, status=400)
        raise NotFound(f"No order {oid}.")


class OrdersView(APIView):
    def post(self, request):
        s = OrderIn(data=request.data)
        s.is_valid(raise_exception=True)
        if s.validated_data["ref"] == "OR-1001":
            raise Conflict()
        return Response({"id": 2, "ref": s.validated_data["ref"], "status": "new"}, status=201,
                        headers={"Location": "/api/orders/2"})


class UploadsView(APIView):
    def post(self, request):
        if int(request.META.get("CONTENT_LENGTH") or 0) > LIMIT:
            raise TooLarge()
        return Response({"stored": len(request.body)}, status=201)


class AccountView(APIView):
    authentication_classes = [BearerAuth]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"user": str(request.user)})


class AdminView(APIView):
    def get(self, request):
        raise PermissionDenied("Admin scope required.")


class QuotaView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "quota"

    def get(self, request):
        return Response({"remaining": 0}, headers={"Cache-Control": "private, no-store"})


class BoomView(APIView):
    def get(self, request):
        raise RuntimeError("ledger connection lost")


def html(code):
    def view(request, **kw):
        return HttpResponse(page(code), status=code, content_type="text/html; charset=utf-8")
    return view


class SlowView(APIView):
    def get(self, request):
        time.sleep(5)
        return Response({"report": "ready"})


class RatesView(APIView):
    def get(self, request):
        return Response({"EUR": 1, "USD": 1.08}, headers={"Cache-Control": "public, max-age=1"})


urlpatterns = [
    path("api/orders/<str:oid>", OrderView.as_view()),
    path("api/orders", OrdersView.as_view()),
    path("api/uploads", UploadsView.as_view()),
    path("api/account", AccountView.as_view()),
    path("api/admin", AdminView.as_view()),
    path("api/quota", QuotaView.as_view()),
    path("api/boom", BoomView.as_view()),
    path("api/payments", html(502)),
    path("api/statements", html(503)),
    path("api/tracking/<str:n>", html(504)),
    path("api/slow", SlowView.as_view()),
    path("api/rates", RatesView.as_view()),
]
