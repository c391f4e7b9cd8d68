# Round 131: round 113's Kestrel tickets Django app (apps113/django_app.py) with
# two JSON errors of the app's own added: /api/quota a JSON 429 with
# Retry-After, /api/maintenance a JSON 503 with Retry-After (both no-store, the
# app's usual {"errors": [{status, code, detail}]} shape). ASGI (`application`),
# for gunicorn + UvicornWorker and for Daphne.
import django_app as base
from django.urls import path


def quota(request):
    return base.fail(429, "rate_limited", "100 requests per minute exceeded", extra={"Retry-After": "30"})


def maintenance(request):
    return base.fail(503, "maintenance", "tickets are read-only during the nightly export", extra={"Retry-After": "600"})


base.urlpatterns += [path("api/quota", quota), path("api/maintenance", maintenance)]
application = base.application
