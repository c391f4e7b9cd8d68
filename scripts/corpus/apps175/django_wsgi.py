# Round 175: round 158's Tidewater Django app (apps158/django_app.py, its
# own Bearer / API-key / session / Basic-user checks) served as WSGI, for
# cheroot. Importing django_app configures Django; this only swaps the
# ASGI handler for the WSGI one.
import django_app  # noqa: F401  (settings.configure + urlpatterns)
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
