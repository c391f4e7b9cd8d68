"""Round 127: the Wrenfield orders API, a single-file Django 5.2 app served
as ASGI by Granian behind HAProxy. DEBUG off; the team's handler404 and
handler500 answer /api/ with {"error": {"code", "message", "request_id"}} and
every other path with the team's templates (templates/404.html, 500.html).
The request id is HAProxy's X-Request-ID, echoed. /api/search is the app's
429 (Retry-After, RateLimit-*), /api/maintenance its JSON 503, /api/latest a
301, /api/slow 6 s."""
import json
import os
import time

from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
settings.configure(
    DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="r127-not-secret",
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"], INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [os.path.join(HERE, "templates")]}],
)
import django  # noqa: E402
django.setup()
from django.http import HttpResponsePermanentRedirect, JsonResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


def rid(request):
    return request.headers.get("X-Request-ID", "-")


def fail(request, status, code, message, headers=None, **extra):
    body = {"error": {"code": code, "message": message, "request_id": rid(request)}}
    body["error"].update(extra)
    r = JsonResponse(body, status=status)
    r["X-Request-ID"] = rid(request)
    r["Cache-Control"] = "no-store"
    for k, v in (headers or {}).items():
        r[k] = v
    return r


def order(request, oid):
    if oid != "1":
        return fail(request, 404, "order_not_found", f"order {oid} does not exist")
    r = JsonResponse({"id": 1, "sku": "WF-31", "qty": 1, "status": "delivered"})
    r["Cache-Control"] = "public, max-age=30"
    r["X-Request-ID"] = rid(request)
    return r


@csrf_exempt
def create(request):
    if request.method != "POST":
        return fail(request, 405, "method_not_allowed", "use POST")
    try:
        body = json.loads(request.body)
    except ValueError:
        return fail(request, 400, "malformed_json", "the body is not JSON")
    if not isinstance(body, dict) or "sku" not in body:
        return fail(request, 422, "validation_failed", "sku is required", fields=["sku"])
    return JsonResponse({"id": 2, "sku": body["sku"]}, status=201)


def search(request):
    return fail(request, 429, "rate_limited", "search quota used up", headers={
        "Retry-After": "45", "X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "45"})


def maintenance(request):
    return fail(request, 503, "maintenance", "Wrenfield orders are paused for a database upgrade", headers={"Retry-After": "600"})


def latest(request):
    return HttpResponsePermanentRedirect("/api/orders/1")


def boom(request):
    raise ValueError("discount cannot exceed order total")


def slow(request):
    time.sleep(6)
    return JsonResponse({"report": "done"})


def healthz(request):
    return JsonResponse({"status": "ok"})


def handler404(request, exception=None):
    if request.path.startswith("/api/"):
        return fail(request, 404, "route_not_found", f"no route for {request.method} {request.path}")
    r = render(request, "404.html", {"rid": rid(request)}, status=404)
    r["X-Request-ID"] = rid(request)
    return r


def handler500(request):
    if request.path.startswith("/api/"):
        return fail(request, 500, "internal_error", "unexpected error; quote the request id to support")
    r = render(request, "500.html", {"rid": rid(request)}, status=500)
    r["X-Request-ID"] = rid(request)
    return r


urlpatterns = [path("api/orders/<str:oid>", order), path("api/orders", create), path("api/search", search),
               path("api/maintenance", maintenance), path("api/latest", latest), path("api/boom", boom),
               path("reports/boom", boom), path("api/slow", slow), path("healthz", healthz)]
from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
