"""Round-143 corpus: round 99's Tansy orders API (apps99/django_app.py,
Django 5.2, DEBUG off) unchanged, plus one route for the auth-service
incident, as round 133 gave its Flask port:

  /api/me   asks the auth service (DEP_DOWN, nobody listens) when the flag
            file `auth-down` is set: the app's JSON 503 with Retry-After: 15;
            otherwise 401 without a bearer token, 403 with a token that is
            not the right one (the app's own JSON, round 99's error shape).

Served as WSGI (`django_me:application`) by Cheroot or uWSGI; PYTHONPATH
must hold this folder and apps99/.
"""
import django_app  # noqa: F401  (configures settings; ROOT_URLCONF = "django_app")
import common
from django.urls import path


def me(request):
    if common.flag("auth-down"):
        try:
            common.call("DEP_DOWN")
        except OSError:
            return django_app.err(503, "auth_unavailable", "the auth service cannot be reached; try again later",
                                  Retry_After="15")
    auth = request.headers.get("Authorization")
    if not auth:
        return django_app.err(401, "unauthorized", "missing bearer token", WWW_Authenticate='Bearer realm="tansy"')
    if auth != common.TOKEN:
        return django_app.err(403, "forbidden", "this token may not read the profile")
    return django_app.JsonResponse({"user": "oncall", "plan": "team"})


django_app.urlpatterns.insert(0, path("api/me", me))
application = django_app.application
