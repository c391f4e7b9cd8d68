"""Round-48 corpus: the orders API as a single-file Django project, under
gunicorn, DEBUG off.

ALLOWED_HOSTS holds the public name only (plus the loopback address), so a
request with another Host is Django's DisallowedHost 400. Behind a TLS
front, SECURE_PROXY_SSL_HEADER trusts X-Forwarded-Proto and
SECURE_SSL_REDIRECT sends plain HTTP to https (301). A signed cookie with a
max age stands for the login session; CSRF protection is on.
"""
import json
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="round48-not-a-secret",
    ALLOWED_HOSTS=["api.example.test", "127.0.0.1"],
    ROOT_URLCONF=__name__,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
    SECURE_REDIRECT_EXEMPT=[r"^api/health$"],
    LOGIN_URL="/accounts/login/",
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
)

from django.core import signing  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_http_methods  # noqa: E402

SESSION_AGE = 15 * 60


def health(request):
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_http_methods(["GET"])
def order(request, order_id):
    if order_id != 1:
        raise Http404("No Order matches the given query.")
    return JsonResponse({"id": 1, "sku": "A-1"})


def orders(request):  # CSRF-protected: a POST without the token is refused by the middleware
    if request.method == "POST":
        try:
            data = json.loads(request.body or b"")
        except ValueError:
            return JsonResponse({"errors": {"__all__": ["Invalid JSON."]}}, status=400)
        return JsonResponse({"id": 2, "sku": data.get("sku")}, status=201)
    return JsonResponse({"orders": []})


def redirect_to_login(next_path):  # what django.contrib.auth's helper of that name returns
    query = QueryDict(mutable=True)
    query["next"] = next_path
    return HttpResponseRedirect(settings.LOGIN_URL + "?" + query.urlencode(safe="/"))


def login_session(view):
    def wrapped(request, *args, **kwargs):
        try:
            signing.loads(request.COOKIES.get("sessionid", ""), max_age=SESSION_AGE, salt="login")
        except signing.BadSignature:  # missing, tampered or expired (SignatureExpired)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)
    return wrapped


@login_session
def account(request):
    return JsonResponse({"user": "ada"})


def login(request):
    return HttpResponse("<!doctype html><title>Log in</title><h1>Log in</h1>")


class Backdated(signing.TimestampSigner):
    def __init__(self, age, **kwargs):
        super().__init__(**kwargs)
        self.age = age

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - self.age)


@csrf_exempt
def dev_session(request):  # a signed session cookie (?age=seconds old), for the captures
    age = int(request.GET.get("age", "0"))
    return JsonResponse({"sessionid": Backdated(age, salt="login").sign_object({"user": "ada"})})


urlpatterns = [
    path("api/health", health),
    path("api/orders/", orders),
    path("api/orders/<int:order_id>", order),
    path("account/", account),
    path("accounts/login/", login),
    path("dev/session", dev_session),
]

application = get_wsgi_application()
