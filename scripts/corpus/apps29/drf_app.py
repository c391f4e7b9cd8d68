"""Round 29: the orders API in Django REST framework with its own
authentication classes (an HS256 bearer JWT, and a static Basic account for
the reporting client), no database. Run: gunicorn drf_app:application."""
import base64
import secrets

import django
import jwt
from django.conf import settings

settings.configure(
    DEBUG=False, SECRET_KEY="r29-drf-not-secret", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
    INSTALLED_APPS=["rest_framework"], DATABASES={}, MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    REST_FRAMEWORK={"UNAUTHENTICATED_USER": None, "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]},
)
django.setup()

from django.urls import path  # noqa: E402
from rest_framework import exceptions, permissions  # noqa: E402
from rest_framework.authentication import BaseAuthentication  # noqa: E402
from rest_framework.decorators import api_view, authentication_classes, permission_classes  # noqa: E402
from rest_framework.response import Response  # noqa: E402

SECRET = "r29-orders-hs256-shared-secret-7f3a9c"


class User:
    is_authenticated = True

    def __init__(self, sub, scope):
        self.sub, self.scope = sub, scope.split()


class JWTAuthentication(BaseAuthentication):
    def authenticate(self, request):
        h = request.META.get("HTTP_AUTHORIZATION", "")
        if not h.startswith("Bearer "):
            return None
        try:
            c = jwt.decode(h[7:], SECRET, algorithms=["HS256"], audience="orders-api")
        except jwt.ExpiredSignatureError:
            raise exceptions.AuthenticationFailed("Token is expired", code="token_not_valid")
        except jwt.InvalidTokenError:
            raise exceptions.AuthenticationFailed("Given token not valid for any token type", code="token_not_valid")
        return User(c["sub"], c.get("scope", "")), c

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class StaticBasicAuthentication(BaseAuthentication):
    def authenticate(self, request):
        h = request.META.get("HTTP_AUTHORIZATION", "")
        if not h.startswith("Basic "):
            return None
        user, _, pw = base64.b64decode(h[6:]).decode().partition(":")
        if not (user == "reporting" and secrets.compare_digest(pw, "rep-9f2c-pw")):
            raise exceptions.AuthenticationFailed("Invalid username/password.")
        return User(user, "orders:read"), None

    def authenticate_header(self, request):
        return 'Basic realm="api"'


class HasScope(permissions.BasePermission):
    def has_permission(self, request, view):
        need = getattr(view, "scope_needed", "orders:read")
        return bool(request.user) and need in request.user.scope


AUTH = [JWTAuthentication, StaticBasicAuthentication]
PERMS = [permissions.IsAuthenticated, HasScope]


@api_view(["GET", "POST"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def orders(request):
    if request.method == "POST":
        return Response({"id": 2, "status": "created"}, status=201)
    return Response({"orders": [{"id": 1, "sku": "A-1"}], "user": request.user.sub})


@api_view(["GET"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def reports(request):
    return Response({"reports": []})


reports.cls.scope_needed = "orders:admin"


@api_view(["GET"])
@authentication_classes([])
@permission_classes([])
def internal(request, name):
    if name != "flags":
        raise exceptions.NotFound()
    return Response({"flags": {"new_checkout": True}})


@api_view(["GET"])
@authentication_classes([])
@permission_classes([])
def metrics(request):
    return Response({"requests": 1})


urlpatterns = [
    path("api/orders", orders),
    path("api/admin/reports", reports),
    path("internal/<str:name>", internal),
    path("internal/admin/<str:name>", internal),
    path("metrics", metrics),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
