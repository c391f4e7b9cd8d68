"""Round 113: round 112's Django app (Kestrel) with three HTML error pages of its own
(/api/payments 502, /api/statements 503, /api/reports 504, no-store), served as
ASGI by Hypercorn (`application` below is ASGI).

Round 112: a small single-file Django API (Kestrel tickets), gunicorn,
DEBUG off. /api/tickets/1 public max-age=300 with ETag + Last-Modified;
ticket 9's JSON 404 public max-age=120; /api/rates public max-age=2; the
rest no-store. An unrouted path is Django's own HTML 'Not Found'."""
import time
from django.conf import settings

settings.configure(DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="r112-not-secret",
                   MIDDLEWARE=["django.middleware.common.CommonMiddleware"], INSTALLED_APPS=[])
import django  # noqa: E402
django.setup()
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

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


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason}</title></head>
<body><h1>{reason}</h1><p>{text}</p><hr><small>Kestrel support</small></body></html>
"""


def page(code, reason, text):
    r = HttpResponse(PAGE.format(code=code, reason=reason, text=text), status=code, content_type="text/html; charset=utf-8")
    r["Cache-Control"] = "no-store"
    return r


def payments(request):
    return page(502, "Bad Gateway", "The payment provider did not answer.")


def statements(request):
    return page(503, "Service Unavailable", "Statements are being rebuilt. Try again later.")


def reports(request):
    return page(504, "Gateway Timeout", "The reporting warehouse did not answer in time.")


urlpatterns = [path("api/tickets/<str:tid>", ticket), path("api/rates", rates), path("api/me", me),
               path("api/boom", boom), path("api/slow", slow), path("healthz", healthz),
               path("api/payments", payments), path("api/statements", statements), path("api/reports", reports)]
from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
