"""Round-16 corpus: the orders API on Django REST framework, one file, the way
a team runs it in production (DEBUG off, gunicorn sync workers behind
HAProxy). DRF's exception handler writes {"detail": ...} for its own
exceptions (NotFound, ParseError, NotAuthenticated, PermissionDenied,
MethodNotAllowed, UnsupportedMediaType, Throttled) and a serializer's field
errors for a 400; what Django answers by itself (an unrouted path, an
unhandled bug, a Host not in ALLOWED_HOSTS) is Django's stock production page.
URLs end in a slash, so CommonMiddleware's APPEND_SLASH redirects a GET
without it (301). Run under gunicorn: `gunicorn drf_app:application`.
"""
import os
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round16-not-a-secret-round16-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "orders.example.test"],
    ROOT_URLCONF=__name__,
    USE_X_FORWARDED_HOST=True,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    DATABASES={},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True}],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    },
    LOGGING={"version": 1, "disable_existing_loggers": True},
)

import django  # noqa: E402

django.setup()

from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework import exceptions, permissions, serializers, status  # noqa: E402
from rest_framework.authentication import BaseAuthentication  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402


class User:
    def __init__(self, name, admin):
        self.username, self.is_staff, self.is_authenticated = name, admin, True


class TokenAuth(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        auth = request.META.get("HTTP_AUTHORIZATION", "").split()
        if not auth or auth[0] != self.keyword:
            return None
        if len(auth) != 2 or auth[1] not in ("admin-token", "user-token"):
            raise exceptions.AuthenticationFailed("Invalid token.")
        return (User(auth[1], auth[1] == "admin-token"), auth[1])

    def authenticate_header(self, request):
        return self.keyword


class Api(APIView):
    authentication_classes = [TokenAuth]


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Order 1 has already shipped and cannot be cancelled."
    default_code = "conflict"


class OrderSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=20)
    qty = serializers.IntegerField(min_value=1)


class OrderList(Api):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response({"count": 1, "results": [{"id": 1, "sku": "A-1", "qty": 2}]})

    def post(self, request):
        s = OrderSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        return Response({"id": 2, **s.validated_data}, status=201)


class OrderDetail(Api):
    def get(self, request, pk):
        if pk != 1:
            raise Http404("No Order matches the given query.")
        return Response({"id": 1, "sku": "A-1", "qty": 2})

    def put(self, request, pk):
        s = OrderSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        return Response({"id": pk, **s.validated_data})


class Cancel(Api):
    def post(self, request, pk):
        raise Conflict()


class Reports(Api):
    permission_classes = [permissions.IsAdminUser]

    def get(self, request):
        return Response({"reports": []})


class Limited(Api):
    def get(self, request):
        raise exceptions.Throttled(wait=42)


class Boom(Api):
    def get(self, request):
        totals = {}
        return Response({"total": totals["2024-06"]})  # KeyError: Django's own 500 page


class Maintenance(Api):
    def get(self, request):
        return Response({"detail": "Orders are read-only during the database migration."},
                        status=503, headers={"Retry-After": "900"})


class Slow(Api):
    def get(self, request):
        time.sleep(5)
        return Response({"status": "late"})


class Crash(Api):
    def get(self, request):
        os._exit(1)  # the worker dies mid-request (as an OOM kill would): no answer at all


def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/health/", health),
    path("api/orders/", OrderList.as_view()),
    path("api/orders/<int:pk>/", OrderDetail.as_view()),
    path("api/orders/<int:pk>/cancel/", Cancel.as_view()),
    path("api/admin/reports/", Reports.as_view()),
    path("api/limited/", Limited.as_view()),
    path("api/boom/", Boom.as_view()),
    path("api/maintenance/", Maintenance.as_view()),
    path("api/slow/", Slow.as_view()),
    path("api/export/", Crash.as_view()),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
