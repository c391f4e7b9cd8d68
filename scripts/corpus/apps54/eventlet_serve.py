"""Round-54 corpus: serve baize_app on 127.0.0.1:PORT with eventlet.wsgi
(green threads, so /api/slow does not block other requests)."""
import os
import sys

import eventlet

eventlet.monkey_patch()
from eventlet import wsgi  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from baize_app import app  # noqa: E402

port = int(sys.argv[1])
wsgi.server(eventlet.listen(("127.0.0.1", port)), app, log_output=False, debug=False)
