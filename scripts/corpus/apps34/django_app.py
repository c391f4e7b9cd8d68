"""Round-34 corpus: a single-file Django project in production (DEBUG=False),
under gunicorn, behind HAProxy terminating TLS. Django's stock pages: 403
(CSRF), 404, 500, 400 (RequestDataTooBig over DATA_UPLOAD_MAX_MEMORY_SIZE);
JsonResponse 401/429/503 written by the views; a slow view.
"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round34-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    DATA_UPLOAD_MAX_MEMORY_SIZE=1024,
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


def health(request):
    return JsonResponse({"status": "ok"})


def account(request, acc):
    if acc != 1:
        raise Http404("No Account matches the given query.")
    return JsonResponse({"id": 1, "name": "ACME"})


@csrf_exempt
def notes(request):
    body = request.POST  # form bodies over 1 KiB: RequestDataTooBig, Django's 400
    return JsonResponse({"id": 2, "fields": len(body)}, status=201)


def me(request):
    return JsonResponse({"detail": "Authentication credentials were not provided."}, status=401,
                        headers={"WWW-Authenticate": 'Bearer realm="api"'})


def export(request):
    return JsonResponse({"detail": "Request was throttled. Expected available in 58 seconds."}, status=429,
                        headers={"Retry-After": "58"})


def profile(request):  # not csrf_exempt: a POST without a token is Django's 403 page
    return JsonResponse({"ok": True})


def maintenance(request):
    return JsonResponse({"detail": "Billing is down for maintenance."}, status=503, headers={"Retry-After": "600"})


def boom(request):
    return JsonResponse({"n": 1 / 0})


def slow(request):
    time.sleep(5)
    return JsonResponse({"done": True})


urlpatterns = [
    path("api/health", health),
    path("api/accounts/<int:acc>", account),
    path("api/notes", notes),
    path("api/me", me),
    path("api/export", export),
    path("api/profile", profile),
    path("api/billing", maintenance),
    path("api/boom", boom),
    path("api/slow", slow),
]
application = get_wsgi_application()
