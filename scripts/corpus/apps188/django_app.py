"""Round 178 (round 163's app, with its own HTML 502/503/504 pages added): "Moorfield" orders API in Django 5.2 (one file, WSGI, gunicorn:
`gunicorn django_app:application`), DEBUG off. Same routes and answers as flask_app.py;
unrouted paths and /api/boom get Django's own HTML 404 / 500 pages; while $STATE_DIR/maint
exists, the app's own JSON 503 with Retry-After (a middleware)."""
import json, os, time
from django.conf import settings

STATE = os.environ.get("STATE_DIR", "/tmp")
settings.configure(
    DEBUG=False, SECRET_KEY="round178-test-only", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
    MIDDLEWARE=[__name__ + ".Maintenance", "django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[], USE_TZ=True,
)
import django
django.setup()
from django.http import JsonResponse, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.core.wsgi import get_wsgi_application


class Maintenance:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if os.path.exists(os.path.join(STATE, "maint")):
            r = JsonResponse({"error": "maintenance", "message": "Moorfield is in maintenance mode (schema migration)"}, status=503)
            r["Retry-After"] = "300"; return r
        return self.get_response(request)


@csrf_exempt
def orders(request):
    if request.method != "POST":
        return JsonResponse({"error": "method_not_allowed"}, status=405)
    try:
        body = json.loads(request.body or b"")
    except ValueError:
        return JsonResponse({"error": "bad_request", "message": "request body is not valid JSON"}, status=400)
    if not isinstance(body, dict) or "sku" not in body:
        return JsonResponse({"error": "validation_failed", "errors": {"sku": ["This field is required."]}}, status=422)
    if body["sku"] == "DUP-1":
        return JsonResponse({"error": "conflict", "message": "an order for sku DUP-1 already exists (id 1)"}, status=409)
    r = JsonResponse({"id": 2, "status": "created"}, status=201); r["Location"] = "/api/orders/2"; return r


@csrf_exempt
def order(request, oid):
    if request.method == "DELETE":
        return HttpResponse(status=204)
    if oid != 1:
        return JsonResponse({"error": "not_found", "message": f"order {oid} not found"}, status=404)
    if request.headers.get("If-None-Match") == '"mf-o1-v4"':
        r = HttpResponse(status=304); r["ETag"] = '"mf-o1-v4"'; return r
    r = JsonResponse({"id": 1, "status": "shipped", "total": 42.5}); r["ETag"] = '"mf-o1-v4"'; return r


def me(request):
    if request.headers.get("Authorization") != "Bearer good-token":
        r = JsonResponse({"error": "unauthorized", "message": "missing or invalid bearer token"}, status=401)
        r["WWW-Authenticate"] = 'Bearer realm="moorfield", error="invalid_token"'; return r
    return JsonResponse({"sub": "u-7"})


def admin(request):
    return JsonResponse({"error": "forbidden", "message": "role 'viewer' may not list users"}, status=403)


def quota(request):
    r = JsonResponse({"error": "rate_limited", "message": "60 requests per minute exceeded"}, status=429)
    r["Retry-After"] = "42"; return r


def boom(request):
    raise KeyError("customer_id")


def slow(request):
    time.sleep(5); return JsonResponse({"ok": True})


def html_502(request):
    return HttpResponse('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>Moorfield: the payments provider did not answer</p></body></html>\n', status=502, content_type='text/html; charset=utf-8')


def html_503(request):
    return HttpResponse('<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Moorfield: statements are being regenerated, try again later</p></body></html>\n', status=503, content_type='text/html; charset=utf-8')


def html_504(request):
    return HttpResponse('<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1><p>Moorfield: the reporting warehouse timed out</p></body></html>\n', status=504, content_type='text/html; charset=utf-8')


urlpatterns = [
    path("api/orders", orders), path("api/orders/<int:oid>", order), path("api/me", me),
    path("api/admin/users", admin), path("api/quota", quota), path("api/boom", boom), path("api/slow", slow),
    path("api/payments", html_502), path("api/statements", html_503), path("api/reports", html_504),
]
application = get_wsgi_application()
