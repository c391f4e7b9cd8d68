"""Round 35: Django REST framework with TokenAuthentication ("Authorization:
Token <40 hex>"); the token table is a dict instead of the database, so
DRF's own messages and headers are unchanged. Run: gunicorn drf_app:application."""
import django
from django.conf import settings

settings.configure(
    DEBUG=False, SECRET_KEY="r35-drf-not-secret", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
    INSTALLED_APPS=["rest_framework"], DATABASES={}, MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    REST_FRAMEWORK={"UNAUTHENTICATED_USER": None, "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]},
)
django.setup()

from django.urls import path  # noqa: E402
from rest_framework import exceptions, permissions  # noqa: E402
from rest_framework.authentication import TokenAuthentication  # noqa: E402
from rest_framework.decorators import api_view, authentication_classes, permission_classes  # noqa: E402
from rest_framework.response import Response  # noqa: E402


class User:
    is_authenticated = True
    is_active = True

    def __init__(self, name, staff):
        self.username, self.is_staff = name, staff


TOKENS = {
    "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b": User("mobile-app", False),
    "c1a6f0e8d27b4935ae10f4c2b8d7e6a3f9051b2d": User("backoffice", True),
}


class DictTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        if key not in TOKENS:
            raise exceptions.AuthenticationFailed("Invalid token.")
        return TOKENS[key], key


AUTH = [DictTokenAuthentication]


@api_view(["GET"])
@authentication_classes(AUTH)
@permission_classes([permissions.IsAuthenticated])
def customers(request):
    return Response({"results": [{"id": 7, "name": "Nordlicht GmbH"}], "user": request.user.username})


@api_view(["GET"])
@authentication_classes(AUTH)
@permission_classes([permissions.IsAuthenticated])
def customer(request, pk):
    raise exceptions.NotFound()


@api_view(["DELETE", "GET"])
@authentication_classes(AUTH)
@permission_classes([permissions.IsAdminUser])
def purge(request):
    return Response(status=204)


urlpatterns = [
    path("api/customers/", customers),
    path("api/customers/<int:pk>/", customer),
    path("api/customers/purge/", purge),
    path("admin/customers/", customers),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
