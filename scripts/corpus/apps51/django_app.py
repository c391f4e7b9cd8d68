"""Round-51 corpus (round 39's app): a single-file Django project
(DEBUG=False) served as WSGI by gunicorn, behind Traffic Server (TLS, HTTP/2). JSON views for the accounts API; everything Django
answers by itself uses its stock production pages: 400 (a Host not in
ALLOWED_HOSTS), 403 (CSRF), 404, 500. A middleware logs and echoes the
X-Request-ID the front sends (or makes one). `gunicorn django_app:application`"""
import json
import logging
import time
import uuid

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round51-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "accounts.example.com"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        __name__ + ".RequestId",
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES={},
    DATA_UPLOAD_MAX_MEMORY_SIZE=2621440,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, HttpResponseRedirect, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


class RequestId:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        logging.getLogger("accounts").warning("rid=%s %s %s -> %s", rid, request.method, request.path, response.status_code)
        return response


def err(status, code, message, **extra):
    return JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status)


def health(request):
    return JsonResponse({"status": "ok"})


def account(request, acct):
    if acct != "ACC-1":
        return err(404, "account_not_found", f"Account {acct} does not exist")
    return JsonResponse({"id": "ACC-1", "plan": "team"})


def page(request, slug):
    raise Http404("no such page")


@csrf_exempt
def signup(request):
    if request.method != "POST":
        return err(405, "method_not_allowed", "Use POST")
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return err(400, "invalid_json", "Body is not JSON")
    if "@" not in body.get("email", ""):
        return JsonResponse({"errors": {"email": ["Enter a valid email address."]}}, status=422)
    return JsonResponse({"id": "ACC-2"}, status=201)


def profile_form(request):  # a form view with CSRF on: a POST without the token is Django's 403 page
    return JsonResponse({"ok": True})


def me(request):
    if "HTTP_AUTHORIZATION" not in request.META:
        r = err(401, "not_authenticated", "Authentication credentials were not provided.")
        r["WWW-Authenticate"] = 'Bearer realm="accounts"'
        return r
    return err(403, "permission_denied", "You do not have permission to perform this action.")


def boom(request):
    return JsonResponse({"owner": request.user.email})  # no auth middleware: AttributeError, Django's 500 page


def maintenance(request):
    r = err(503, "maintenance", "Billing migration in progress")
    r["Retry-After"] = "900"
    return r


def sso(request):
    time.sleep(1)
    return err(504, "idp_timeout", "The identity provider did not answer within 1s")


def slow(request):
    time.sleep(5)
    return JsonResponse({"status": "late"})


def old(request):
    return HttpResponseRedirect("/api/accounts/ACC-1")


urlpatterns = [
    path("api/health", health),
    path("api/accounts/<str:acct>", account),
    path("api/signup", signup),
    path("api/profile", profile_form),
    path("api/me", me),
    path("api/boom", boom),
    path("api/maintenance", maintenance),
    path("api/sso", sso),
    path("api/slow", slow),
    path("account", old),
    path("pages/<str:slug>/", page),
]

application = get_wsgi_application()
