"""Round-30 corpus: a one-file Django 5.2 project with Django REST framework
3.18: AnonRateThrottle (3/min) on search, ScopedRateThrottle ("login":
2/min) on login, serializer validation 400s, DRF's 404, 405 and 415, and
Django's production pages (DEBUG off). gunicorn drf_app:application"""
import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    SECRET_KEY="round30-not-a-secret",
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={},
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "login": "2/min"},
    },
)
django.setup()

from django.urls import path  # noqa: E402
from rest_framework import serializers, status  # noqa: E402
from rest_framework.decorators import api_view, throttle_classes  # noqa: E402
from rest_framework.exceptions import NotFound  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle  # noqa: E402
from rest_framework.views import APIView  # noqa: E402


class OrderSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=32)
    qty = serializers.IntegerField(min_value=1, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


@api_view(["GET"])
def order_detail(request, oid):
    if oid != 1:
        raise NotFound("Order %d not found." % oid)
    return Response({"id": 1, "sku": "A-1", "qty": 2})


@api_view(["POST"])
def order_create(request):
    s = OrderSerializer(data=request.data)
    s.is_valid(raise_exception=True)
    return Response({"id": 2, **s.validated_data}, status=status.HTTP_201_CREATED)


@api_view(["GET"])
@throttle_classes([AnonRateThrottle])
def search(request):
    return Response({"q": request.query_params.get("q", ""), "results": []})


class Login(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    def post(self, request):
        return Response({"detail": "Invalid username or password."}, status=401)


@api_view(["GET"])
def health(request):
    return Response({"status": "ok"})


urlpatterns = [
    path("api/health", health),
    path("api/orders", order_create),
    path("api/orders/<int:oid>", order_detail),
    path("api/search", search),
    path("api/login", Login.as_view()),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
