# Round 179: round 78's Django app (apps78/django_app.py) served as ASGI, for
# uvicorn. The same settings, views and URLs; only the entry point differs
# (as apps111/django_asgi.py does for round 108's app).
import django_app  # noqa: F401  (configures settings and the URLconf)
from django.core.asgi import get_asgi_application

application = get_asgi_application()
