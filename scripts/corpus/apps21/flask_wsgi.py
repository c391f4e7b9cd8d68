# Round-21 corpus: the WSGI script file mod_wsgi loads for the Flask orders
# API, hosted inside Apache in daemon mode. Apache mounts it at /api
# (WSGIScriptAlias /api ...); the app's routes carry the /api prefix
# themselves, so the mount point goes back into PATH_INFO.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flask_app import app  # noqa: E402


def application(environ, start_response):
    environ["PATH_INFO"] = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    environ["SCRIPT_NAME"] = ""
    return app(environ, start_response)
