"""Round 77: the Ledgerly invoices API (round 55's routes) as a one-file
Django 5.2 app, served by gunicorn (`Server: gunicorn`) behind Varnish.

Its errors are RFC 9457 problem documents (`application/problem+json`,
with type, title, status and detail), the way many Django APIs answer.
Cacheable: /api/invoices/1 (public, max-age=60, ETag "inv-1-v3",
Last-Modified), /api/rates (public, max-age=1, ETag) and the 404 for
invoice 9 (public, max-age=120, the app's own error a cache may keep).
Everything else says no-store. DEBUG is off, so unrouted paths and
unhandled errors get Django's own HTML ("Not Found", "Server Error (500)").
The HTML 502/503/504 pages are round 55's (../apps55/upstream_pages.py).
No request id of its own.
"""
import json
import os
import sys
import time

from django.conf import settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps55"))

settings.configure(
    DEBUG=False,
    SECRET_KEY="round77-not-a-secret",
    ALLOWED_HOSTS=["api.ledgerly.test", "127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    LOGGING_CONFIG=None,
)

import django  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from upstream_pages import page  # noqa: E402

django.setup()
LM = "Mon, 01 Dec 2026 08:00:00 GMT"
TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
          409: "Conflict", 422: "Unprocessable Content", 429: "Too Many Requests",
          503: "Service Unavailable"}


def cached(resp, age, etag):
    resp["Cache-Control"] = f"public, max-age={age}"
    resp["ETag"] = f'"{etag}"'
    resp["Last-Modified"] = LM
    return resp


def problem(status, kind, detail, age=None, **headers):
    body = {"type": f"https://api.ledgerly.test/problems/{kind}", "title": TITLES[status],
            "status": status, "detail": detail}
    resp = HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")
    resp["Cache-Control"] = f"public, max-age={age}" if age else "no-store"
    for k, v in headers.items():
        resp[k.replace("_", "-")] = v
    return resp


def invoice(request, iid):
    if not iid.isdigit():
        return problem(400, "invalid-id", f"invoice id must be a number, got '{iid}'")
    if iid == "1":
        return cached(JsonResponse({"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00",
                                    "currency": "EUR"}), 60, "inv-1-v3")
    return problem(404, "invoice-not-found", f"no invoice {iid}", age=120 if iid == "9" else None)


def rates(request):
    return cached(JsonResponse({"base": "EUR", "usd": "1.0831", "gbp": "0.8412"}), 1, "rates-2026-12")


@csrf_exempt
def invoices(request):
    try:
        data = json.loads(request.body or b"null")
    except ValueError:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return problem(422, "validation-failed", "field 'ref' is required")
    if data["ref"] == "LG-1001":
        return problem(409, "duplicate-ref", f"an invoice with ref {data['ref']} already exists")
    resp = JsonResponse({"id": 2, "ref": data["ref"], "status": "draft"}, status=201)
    resp["Cache-Control"] = "no-store"
    return resp


def account(request):
    return problem(401, "unauthorized", "a bearer token is required", WWW_Authenticate='Bearer realm="ledgerly"')


def admin(request):
    return problem(403, "forbidden", "your role may not open the admin area")


def quota(request):
    return problem(429, "rate-limited", "100 requests per minute per key", Retry_After="30")


def maintenance(request):
    return problem(503, "maintenance", "invoices are read-only during the ledger migration", Retry_After="120")


def html(status):
    def view(request):
        resp = HttpResponse(page(status), status=status)
        resp["Cache-Control"] = "no-store"
        return resp
    return view


def boom(request):
    raise RuntimeError("ledger total overflow")


def slow(request):
    time.sleep(5)
    return JsonResponse({"slow": True})


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("api/invoices/<str:iid>", invoice),
    path("api/invoices", invoices),
    path("api/rates", rates),
    path("api/account", account),
    path("api/admin", admin),
    path("api/quota", quota),
    path("api/maintenance", maintenance),
    path("api/payments", html(502)),
    path("api/statements", html(503)),
    path("api/bank", html(504)),
    path("api/boom", boom),
    path("api/slow", slow),
    path("healthz", healthz),
]

application = get_wsgi_application()
