# Round 158: Tidewater orders API in Django 5.2 (single file, ASGI for
# Daphne). The same own checks as apps158/flask_app.py, as JsonResponses;
# DEBUG off, so unrouted paths get Django's stock HTML 404.
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from django.conf import settings

settings.configure(DEBUG=False, ROOT_URLCONF=__name__, SECRET_KEY="round158-test-only",
                   ALLOWED_HOSTS=["*"], MIDDLEWARE=[], INSTALLED_APPS=[])
import django
django.setup()
from django.http import JsonResponse
from django.urls import path
import jwt158

REALM = 'Bearer realm="tidewater"'


def refuse(status, body, www=None):
    r = JsonResponse(body, status=status)
    if www:
        r["WWW-Authenticate"] = www
    return r


def need_bearer(request, scope):
    kind, got = jwt158.bearer(request.headers.get("Authorization", ""))
    if kind == "missing":
        return None, refuse(401, {"error": "unauthorized", "detail": "Authentication credentials were not provided."}, REALM)
    if kind == "invalid":
        return None, refuse(401, {"error": "invalid_token", "detail": got},
                            '%s, error="invalid_token", error_description="%s"' % (REALM, got))
    if scope not in got.get("scope", "").split():
        return None, refuse(403, {"error": "insufficient_scope", "detail": "scope %s required" % scope},
                            '%s, error="insufficient_scope", scope="%s"' % (REALM, scope))
    return got, None


def order(request, oid):
    c, err = need_bearer(request, "orders")
    return err or JsonResponse({"id": oid, "status": "in transit", "owner": c["sub"]})


def admin_order(request, oid):
    c, err = need_bearer(request, "admin")
    return err or JsonResponse({"id": oid, "refunded": False, "audited_by": c["sub"]})


def reports(request):
    key = request.headers.get("X-Api-Key")
    if not key:
        return refuse(401, {"error": "api_key_required", "detail": "X-Api-Key header missing"})
    if jwt158.API_KEYS.get(key) != "reports":
        return refuse(403, {"error": "forbidden", "detail": "API key may not read reports"})
    return JsonResponse({"reports": [{"id": "2024-q3", "rows": 1180}]})


def me(request):
    sid = request.COOKIES.get("sid")
    if not sid or sid not in jwt158.SESSIONS:
        return refuse(401, {"error": "not_logged_in", "detail": "Session expired; sign in again"})
    return JsonResponse({"user": jwt158.SESSIONS[sid]})


def stats(request):
    user = jwt158.basic_user(request.headers.get("Authorization", "")) or request.headers.get("X-Auth-Sub")
    if user != "ana":
        return refuse(403, {"error": "forbidden", "detail": "%s is not an administrator" % user})
    return JsonResponse({"orders_today": 312, "user": user})


def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/orders/<int:oid>", order),
    path("api/admin/orders/<int:oid>", admin_order),
    path("api/reports", reports),
    path("api/me", me),
    path("admin/stats", stats),
    path("open/health", health),
]

from django.core.asgi import get_asgi_application  # noqa: E402
application = get_asgi_application()
