"""Round 183: round 174's Fernhill Django app (apps174/django_uv.py: round 108's
apps108/django_app.py plus an empty 204 on DELETE /api/carts/<id> and an @etag
catalog with Django's own 304) served as WSGI for gunicorn
(`django_wsgi:application`) instead of ASGI on uvicorn.
"""
import django_uv  # noqa: F401  (adds the two routes to the URLconf)
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
