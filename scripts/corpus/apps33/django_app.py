"""Round-33 corpus: a single-file Django project in production (DEBUG=False),
under gunicorn. Django's stock pages: 400 (DisallowedHost), 403 (CSRF), 404,
500; a JsonResponse 400 and 401 written by the views.
"""
import json

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round33-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
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
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


def account(request, acc):
    if acc != 1:
        raise Http404("No Account matches the given query.")
    return JsonResponse({"id": 1, "name": "ACME"})


@csrf_exempt
def signup(request):
    try:
        data = json.loads(request.body or b"")
    except ValueError:
        return JsonResponse({"detail": "JSON parse error - Expecting value: line 1 column 1 (char 0)"}, status=400)
    if "@" not in str(data.get("email", "")):
        return JsonResponse({"email": ["Enter a valid email address."]}, status=400)
    return JsonResponse({"id": 2}, status=201)


def me(request):
    return JsonResponse({"detail": "Authentication credentials were not provided."}, status=401)


def profile(request):  # not csrf_exempt: a POST without a token is Django's 403 page
    return JsonResponse({"ok": True})


def boom(request):
    return JsonResponse({"n": 1 / 0})


urlpatterns = [
    path("api/accounts/<int:acc>", account),
    path("api/signup", signup),
    path("api/me", me),
    path("api/profile", profile),
    path("api/boom", boom),
]
application = get_wsgi_application()
