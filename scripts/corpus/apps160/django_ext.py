"""Round 160: round 74's Django catalog (apps74/django_app.py, unchanged and
imported; its ROOT_URLCONF is that module) with five routes added in front
of its urlpatterns, served by gunicorn: GET /api/catalog/legacy-1 a 301 to
/api/products/1 (public, max-age=300), GET /api/admin/users a JSON 403,
PUT /api/orders/<id> a JSON 409, DELETE /api/orders/<id> a 204 (GET still
the original view's 404), GET /api/me a JSON 200 with `Authorization:
Bearer good-token` (private, max-age=60), a JSON 401 without.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps74"))
import django_app  # noqa: E402
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

err = django_app.err


def legacy(request):
    resp = HttpResponsePermanentRedirect("/api/products/1")
    resp["Cache-Control"] = "public, max-age=300"
    return resp


def admin(request):
    return err(403, "permission_denied", "You do not have permission to perform this action.")


def order(request, oid):
    if request.method == "PUT":
        return err(409, "conflict", f"Order {oid} was changed by another request.")
    if request.method == "DELETE":
        resp = HttpResponse(status=204)
        resp["Cache-Control"] = "no-store"
        return resp
    return django_app.order(request, oid)


def me(request):
    if request.headers.get("Authorization") != "Bearer good-token":
        resp = err(401, "not_authenticated", "Authentication credentials were not provided.")
        resp["WWW-Authenticate"] = 'Bearer realm="api"'
        return resp
    resp = JsonResponse({"user": "mira", "roles": ["buyer"]})
    resp["Cache-Control"] = "private, max-age=60"
    return resp


django_app.urlpatterns[:0] = [
    path("api/catalog/legacy-1", legacy),
    path("api/admin/users", admin),
    path("api/orders/<str:oid>", order),
    path("api/me", me),
]
application = django_app.application
