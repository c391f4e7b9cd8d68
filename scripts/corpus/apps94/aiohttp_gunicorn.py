"""Round-94 corpus: round 80's aiohttp app (apps80/aiohttp_app.py, the
Ledgerly invoices API, unchanged) as gunicorn runs it with aiohttp's worker:
  gunicorn -k aiohttp.GunicornWebWorker -w 1 -b 127.0.0.1:PORT aiohttp_gunicorn:app
The same routes and client_max_size (2 KB) as when it runs on its own.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps80"))
from aiohttp import web  # noqa: E402

import aiohttp_app  # noqa: E402

app = web.Application(client_max_size=2048)
app.add_routes(aiohttp_app.routes)
