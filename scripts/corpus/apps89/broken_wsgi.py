"""Round-89 corpus: a release whose WSGI module fails to import (it reads a
setting from the environment that the new unit file does not set). uWSGI
starts anyway (no `need-app`) and answers every request itself."""
import os

DATABASE_URL = os.environ["DATABASE_URL"]  # KeyError at import: no app is loaded


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"never reached\n"]
