# Round 111: round 108's Django app (apps108/django_app.py) served as ASGI,
# for Daphne. The same settings, views and URLs; only the entry point differs.
import django_app  # noqa: F401  (configures settings and the URLconf)
from django.core.asgi import get_asgi_application

application = get_asgi_application()
