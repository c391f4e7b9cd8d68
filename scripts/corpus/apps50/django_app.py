"""Round-50 corpus: a single-file Django project in production (DEBUG=False)
under gunicorn, behind Squid as a reverse accelerator.

Django's stock pages: 404, 500, 403 (CSRF), 400 (DisallowedHost and a body
over DATA_UPLOAD_MAX_MEMORY_SIZE); an empty 405 from require_POST; JSON 401,
409 and 422 written by the views; a handler that sleeps 6 s.
"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round50-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES={},
    DATA_UPLOAD_MAX_MEMORY_SIZE=2048,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402


def health(request):
    return JsonResponse({"status": "ok"})


def account(request, acc):
    if acc != 1:
        raise Http404("No Account matches the given query.")
    return JsonResponse({"id": 1, "name": "ACME"})


@csrf_exempt
def members(request, acc):
    if request.method != "POST":
        return JsonResponse({"members": []})
    data = json.loads(request.body or b"{}")  # reading the body enforces DATA_UPLOAD_MAX_MEMORY_SIZE
    if "@" not in str(data.get("email", "")):
        return JsonResponse({"errors": {"email": ["Enter a valid email address."]}}, status=422)
    return JsonResponse({"detail": "This member already belongs to the account."}, status=409)


@csrf_exempt
@require_POST
def invite(request, acc):
    return JsonResponse({"sent": True})


def me(request):
    return JsonResponse({"detail": "Authentication credentials were not provided."}, status=401)


def profile(request):  # not csrf_exempt: a POST without a token is Django's 403 page
    return JsonResponse({"ok": True})


def boom(request):
    return JsonResponse({"n": 1 / 0})


def slow(request):
    time.sleep(6)
    return JsonResponse({"done": True})


urlpatterns = [
    path("api/health", health),
    path("api/accounts/<int:acc>", account),
    path("api/accounts/<int:acc>/members", members),
    path("api/accounts/<int:acc>/invite", invite),
    path("api/me", me),
    path("api/profile", profile),
    path("api/boom", boom),
    path("api/slow", slow),
]
application = get_wsgi_application()
