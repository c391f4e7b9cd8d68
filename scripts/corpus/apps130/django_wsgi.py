# Round 130: round 113's Django app (apps113/django_app.py) served as WSGI,
# for Waitress. The same settings, views and URLs; only the entry point differs.
import django_app  # noqa: F401  (configures settings and the URLconf)
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
