"""Round 85: the Heron items API (Django 5.2 on gunicorn, DEBUG off), behind
HAProxy. The edges in Django's own formats: its HTML "Not Found" for an
unknown route, require_http_methods' empty 405, "Server Error (500)",
HttpResponsePermanentRedirect's empty 301 (and 302/307/308); the app's
JSON {"errors":[...]} for 400 (bad JSON), 401 (with and without
WWW-Authenticate), 403, 404 for an unknown id, 406, 409, 410, 415, 422, an
in-app 429 and a maintenance 503 (a flag file); 201/202/204; a 5 s slow view."""
import json, os, sys, time
from django.conf import settings

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="round85-not-secret",
    MIDDLEWARE=[], INSTALLED_APPS=[], USE_TZ=True,
    LOGGING_CONFIG=None,
)
import django
django.setup()
from django.http import JsonResponse, HttpResponse, HttpResponseRedirect, HttpResponsePermanentRedirect
from django.urls import path, re_path
from django.views.decorators.http import require_http_methods
from django.core.wsgi import get_wsgi_application

FLAG_DIR = os.environ.get("FLAG_DIR", "/nonexistent")
HITS = {}
ITEM = {"id": 1, "name": "teak grating", "stock": 5}


def err(status, code, detail, **headers):
    r = JsonResponse({"errors": [{"status": str(status), "code": code, "detail": detail}]}, status=status)
    for k, v in headers.items():
        r[k.replace("_", "-")] = v
    return r


@require_http_methods(["GET", "DELETE"])
def item(request, item_id):
    if request.method == "DELETE":
        return HttpResponse(status=204)
    acc = request.headers.get("Accept", "*/*")
    if "json" not in acc and "*/*" not in acc:
        return err(406, "not_acceptable", "only application/json is served here")
    if item_id == 7:
        return err(410, "gone", "item 7 was retired on 2026-01-31")
    if item_id != 1:
        return err(404, "not_found", f"item {item_id} does not exist")
    r = JsonResponse(ITEM)
    r["Cache-Control"] = "public, max-age=60"
    return r


@require_http_methods(["POST"])
def items(request):
    if request.content_type != "application/json":
        return err(415, "unsupported_media_type", f"Content-Type must be application/json, not {request.content_type or 'none'}")
    try:
        body = json.loads(request.body)
    except ValueError as e:
        return err(400, "malformed_json", str(e))
    missing = [f for f in ("name", "stock") if f not in body]
    if missing:
        return JsonResponse({"errors": [{"status": "422", "code": "required", "source": {"pointer": f"/{f}"}} for f in missing]}, status=422)
    if body["name"] == "teak grating":
        return err(409, "conflict", "an item named 'teak grating' already exists (id 1)")
    r = JsonResponse({"id": 2, **body}, status=201)
    r["Location"] = "/api/items/2"
    return r


@require_http_methods(["POST"])
def reports(request):
    r = JsonResponse({"job": "rep-5", "state": "queued"}, status=202)
    r["Location"] = "/api/reports/jobs/rep-5"
    return r


def me(request):
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return err(401, "not_authenticated", "bearer token required", WWW_Authenticate='Bearer realm="heron"')
    if auth != "Bearer user-token":
        return err(401, "invalid_token", "token expired", WWW_Authenticate='Bearer realm="heron", error="invalid_token"')
    return JsonResponse({"user": "dana", "role": "user"})


def keys(request):
    if not request.headers.get("X-API-Key"):
        return err(401, "not_authenticated", "missing X-API-Key header")
    return JsonResponse({"keys": []})


def audit(request):
    auth = request.headers.get("Authorization", "")
    if auth == "Bearer user-token":
        return err(403, "permission_denied", "role 'user' may not read the audit log")
    if not auth:
        return err(401, "not_authenticated", "bearer token required", WWW_Authenticate='Bearer realm="heron"')
    return JsonResponse({"entries": []})


def search(request):
    who = request.headers.get("X-Forwarded-For", request.META.get("REMOTE_ADDR"))
    n = HITS[who] = HITS.get(who, 0) + 1  # a fixed window from the start of the process
    if n > 2:
        return err(429, "throttled", "2 searches a minute", Retry_After=str(60 - int(time.time()) % 60))
    return JsonResponse({"q": request.GET.get("q", ""), "results": []})


def billing(request, rest):
    if os.path.exists(os.path.join(FLAG_DIR, "maintenance")):
        return err(503, "maintenance", "billing is in maintenance until 21:30 UTC", Retry_After="900")
    return JsonResponse({"invoices": []})


def old_item(request, item_id):
    return HttpResponsePermanentRedirect(f"/api/items/{item_id}")


def latest(request):
    return HttpResponseRedirect("/api/items/1")


@require_http_methods(["POST"])
def archive(request, item_id):
    r = HttpResponse(status=307)
    r["Location"] = f"/api/archive/items/{item_id}"
    return r


@require_http_methods(["POST"])
def old_create(request):
    r = HttpResponse(status=308)
    r["Location"] = "/api/items"
    return r


def boom(request):
    raise RuntimeError("ledger cursor lost")


def slow(request):
    time.sleep(5)
    return JsonResponse({"slow": True})


urlpatterns = [
    path("api/items/<int:item_id>", item),
    path("api/items", items),
    path("api/reports", reports),
    path("api/me", me),
    path("api/keys", keys),
    path("api/admin/audit", audit),
    path("api/search", search),
    re_path(r"^api/billing/(?P<rest>.*)$", billing),
    path("api/v1/items/<int:item_id>", old_item),
    path("api/latest", latest),
    path("api/items/<int:item_id>/archive", archive),
    path("api/v1/items", old_create),
    path("api/boom", boom),
    path("api/slow", slow),
]

application = get_wsgi_application()
