"""Round 142: round 108's Larkspur Flask app (apps108/flask_app.py), unchanged,
for uWSGI (pyuwsgi): `--module flask_wsgi:app`."""
from flask_app import app  # noqa: F401
