"""Round-49 corpus: a single-file Django 5.2 project in production (DEBUG=False)
under gunicorn on a unix socket, behind nginx the way the most-read
"Django + gunicorn + nginx" tutorial sets it up. A small notes API with the
errors the team wrote (JSON 400/401/403/404/409/422/429/503, 201), plus what
Django answers by itself in production: its "Not Found" and "Server Error
(500)" pages, "Bad Request (400)" for a Host not in ALLOWED_HOSTS, the CSRF
403 page, an empty 405 from require_http_methods, and CommonMiddleware's
APPEND_SLASH 301.   gunicorn --bind unix:SOCK django_app:application"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round49-not-a-secret",
    ALLOWED_HOSTS=["notes.example.test", "127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES={},
    STATIC_URL="/static/",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_http_methods  # noqa: E402

NOTES = {1: {"id": 1, "title": "Deploy checklist", "locked": True}}


def problem(status, code, detail, **extra):
    return JsonResponse({"error": code, "detail": detail, **extra}, status=status)


@csrf_exempt
def notes(request):
    if request.method == "GET":
        return JsonResponse({"results": list(NOTES.values()), "count": len(NOTES)})
    if request.method != "POST":
        return problem(405, "method_not_allowed", f'Method "{request.method}" not allowed.')
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return problem(400, "parse_error", "JSON parse error - Expecting value")
    title = str(body.get("title", "")).strip()
    if not title:
        return problem(422, "validation_error", "Invalid input.", fields={"title": ["This field may not be blank."]})
    return JsonResponse({"id": 2, "title": title, "locked": False}, status=201)


@csrf_exempt
@require_http_methods(["GET"])
def note(request, pk):
    if pk not in NOTES:
        return problem(404, "not_found", "No Note matches the given query.")
    return JsonResponse(NOTES[pk])


@csrf_exempt
def note_lock(request, pk):
    return problem(409, "conflict", f"Note {pk} is locked by another editor.", locked_by="grace")


def me(request):
    auth = request.headers.get("Authorization", "")
    if not auth:
        r = problem(401, "not_authenticated", "Authentication credentials were not provided.")
        r["WWW-Authenticate"] = 'Token realm="api"'
        return r
    return problem(403, "permission_denied", "You do not have permission to perform this action.")


def export(request):
    r = problem(429, "throttled", "Request was throttled. Expected available in 58 seconds.")
    r["Retry-After"] = "58"
    return r


def boom(request):
    return JsonResponse({"owner": NOTES[1]["owner"]})  # KeyError: Django's 500 page


def maintenance(request):
    r = problem(503, "maintenance", "Search index rebuild in progress.")
    r["Retry-After"] = "600"
    return r


def slow(request):
    time.sleep(5)
    return JsonResponse({"status": "late"})


def notes_page(request):
    return HttpResponse("<!doctype html><title>Notes</title><h1>Notes</h1>\n")


def profile(request):  # CSRF on: a POST without the token gets Django's 403 page
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/notes", notes),
    path("api/notes/<int:pk>", note),
    path("api/notes/<int:pk>/lock", note_lock),
    path("api/me", me),
    path("api/export", export),
    path("api/boom", boom),
    path("api/maintenance", maintenance),
    path("api/slow", slow),
    path("notes/", notes_page),
    path("accounts/profile/", profile),
]

application = get_wsgi_application()
