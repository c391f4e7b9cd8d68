"""Round 57: round 55's Django app (scripts/corpus/apps55/django_app.py,
reused unchanged) exposed as WSGI, for waitress behind Squid."""
import django_app  # noqa: F401  (settings and urls are configured there)
from django.core.wsgi import get_wsgi_application

wsgi = get_wsgi_application()
