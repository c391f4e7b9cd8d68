"""Round 112: a small single-file Django API (Kestrel tickets), gunicorn,
DEBUG off. /api/tickets/1 public max-age=300 with ETag + Last-Modified;
ticket 9's JSON 404 public max-age=120; /api/rates public max-age=2; the
rest no-store. An unrouted path is Django's own HTML 'Not Found'."""
import time
from django.conf import settings

settings.configure(DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="r112-not-secret",
                   MIDDLEWARE=["django.middleware.common.CommonMiddleware"], INSTALLED_APPS=[])
import django  # noqa: E402
django.setup()
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

LM = "Mon, 02 Jun 2025 08:00:00 GMT"


def fail(status, code, message, age=0, extra=None):
    r = JsonResponse({"errors": [{"status": str(status), "code": code, "detail": message}]}, status=status)
    r["Cache-Control"] = f"public, max-age={age}" if age else "no-store"
    for k, v in (extra or {}).items():
        r[k] = v
    return r


def ticket(request, tid):
    if not tid.isdigit():
        return fail(400, "bad_request", "ticket id must be a number")
    if tid == "1":
        r = JsonResponse({"id": 1, "subject": "Printer on 4th floor", "state": "open"})
        r["Cache-Control"] = "public, max-age=300"
        r["ETag"] = '"kt-t1-v4"'
        r["Last-Modified"] = LM
        return r
    return fail(404, "not_found", f"ticket {tid} not found", 120 if tid == "9" else 0)


def rates(request):
    r = JsonResponse({"sla_hours": 8, "tier": "gold"})
    r["Cache-Control"] = "public, max-age=2"
    r["ETag"] = '"kt-rates-v7"'
    r["Last-Modified"] = LM
    return r


def me(request):
    return fail(401, "not_authenticated", "missing or invalid bearer token", extra={"WWW-Authenticate": 'Bearer realm="kestrel"'})


def boom(request):
    try:
        1 / 0
    except ZeroDivisionError as e:
        return fail(500, "internal", f"ZeroDivisionError: {e}")


def slow(request):
    time.sleep(5)
    return JsonResponse({"ok": True, "waited": 5})


def healthz(request):
    r = JsonResponse({"ok": True})
    r["Cache-Control"] = "no-store"
    return r


urlpatterns = [path("api/tickets/<str:tid>", ticket), path("api/rates", rates), path("api/me", me),
               path("api/boom", boom), path("api/slow", slow), path("healthz", healthz)]
application = get_wsgi_application()
