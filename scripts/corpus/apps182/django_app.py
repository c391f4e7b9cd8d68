"""Round 182: apps173/django_app.py, payments-gateway port moved from 61999 to 62999.
Round 173 additions (to apps162/django_app.py): handler500 as JSON (no stack trace), /healthz
(503 while inventory-down), 301 from /api/v1/orders/<id>, 409 on approve, 400 for a POST without items.
Round 173: "Wexcombe" orders API in Django 5.2 (one file, WSGI, gunicorn:
`gunicorn django_app:application`). DEBUG off. Incidents are switched by flag
files in $STATE_DIR as in apps151/flask_app.py: deploy-v2 (read at start: the
order view raises, /api/invoices/ renamed away, so Django's own 404 page),
quota (429), keys-rotated (key1 tokens refused), inventory-down (503),
search-slow (504). payments-gateway at 127.0.0.1:62999 (nobody listens)."""
import os, socket
from django.conf import settings

STATE = os.environ.get("STATE_DIR", "/tmp")
flag = lambda n: os.path.exists(os.path.join(STATE, n))
settings.configure(
    DEBUG=False, SECRET_KEY="round173-test-only", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware", "django.middleware.http.ConditionalGetMiddleware"],
    INSTALLED_APPS=[], USE_TZ=True,
)
import django
django.setup()
from django.http import JsonResponse, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.core.wsgi import get_wsgi_application

V2 = flag("deploy-v2")


@csrf_exempt
def orders(request):
    if request.method == "POST":
        import json
        try:
            b = json.loads(request.body or b"{}")
        except ValueError:
            b = {}
        if "items" not in b:
            return JsonResponse({"errors": [{"code": "required", "detail": "This field is required.", "attr": "items"}]}, status=400)
        r = JsonResponse({"id": 2, "status": "created"}, status=201); r["Location"] = "/api/orders/2"; return r
    return JsonResponse({"detail": "method not allowed"}, status=405)


@csrf_exempt
def order(request, oid):
    if request.method == "DELETE":
        return HttpResponse(status=204)
    if V2:
        raise AttributeError("'NoneType' object has no attribute 'line_items'")  # the bad deploy
    if oid != 1:
        return JsonResponse({"detail": f"order {oid} not found"}, status=404)
    r = JsonResponse({"id": 1, "status": "picked", "total": "63.40"}); r["ETag"] = '"wx-o1-v3"'; return r


def healthz(request):
    if flag("inventory-down"):
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def old_order(request, oid):
    from django.http import HttpResponsePermanentRedirect
    return HttpResponsePermanentRedirect(f"/api/orders/{oid}")


@csrf_exempt
def approve(request, oid):
    return JsonResponse({"errors": [{"code": "conflict", "detail": f"order {oid} is already approved"}]}, status=409)


def handler500(request):  # round 173: the team's JSON 500, no stack trace
    return JsonResponse({"errors": [{"code": "server_error", "detail": "A server error occurred."}]}, status=500)


def invoice(request, iid):
    return JsonResponse({"id": iid, "amount": "63.40"})


def payments(request):
    try:
        socket.create_connection(("127.0.0.1", 62999), timeout=1).close()
    except OSError as e:
        return JsonResponse({"errors": [{"code": "payments_gateway_unreachable", "detail": f"payments-gateway: {e.strerror}"}]}, status=502)
    return JsonResponse({"ok": True})


def inventory(request):
    if flag("inventory-down"):
        r = HttpResponse("<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1>"
                         "<p>The inventory database is in recovery. Please try again in a minute.</p></body></html>\n",
                         status=503, content_type="text/html; charset=utf-8")
        r["Retry-After"] = "60"; return r
    return JsonResponse({"sku": "WX-4", "on_hand": 3})


def search(request):
    if flag("search-slow"):
        return JsonResponse({"errors": [{"code": "upstream_timeout", "detail": "search-service did not answer within 2 s"}]}, status=504)
    return JsonResponse({"results": [], "total": 0})


def me(request):
    auth = request.headers.get("Authorization", "")
    if auth != "Bearer key2-token" and (flag("keys-rotated") or auth != "Bearer key1-token"):
        r = JsonResponse({"errors": [{"code": "token_not_valid", "detail": "Token signature could not be verified"}]}, status=401)
        r["WWW-Authenticate"] = 'Bearer realm="wexcombe", error="invalid_token", error_description="signature verification failed"'
        return r
    return JsonResponse({"sub": "u-77", "role": "support"})


def quota(request):
    if flag("quota"):
        r = JsonResponse({"errors": [{"code": "throttled", "detail": "Request was throttled. Expected available in 120 seconds."}]}, status=429)
        r["Retry-After"] = "120"; return r
    return JsonResponse({"remaining": 4})


def slow(request):
    import time; time.sleep(5); return JsonResponse({"ok": True})


urlpatterns = [
    path("api/orders", orders), path("api/orders/<int:oid>", order), path("api/payments", payments),
    path("api/inventory", inventory), path("api/search", search), path("api/me", me),
    path("api/quota", quota), path("api/slow", slow), path("healthz", healthz),
    path("api/v1/orders/<int:oid>", old_order), path("api/orders/<int:oid>/approve", approve),
]
if not V2:
    urlpatterns.append(path("api/invoices/<int:iid>", invoice))
application = get_wsgi_application()
