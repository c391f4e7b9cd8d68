#!/usr/bin/env python3
"""Post-process one round-19 capture and append its label (capture-round19.sh).

Usage:
  finish_round19.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 16's rules (finish_round16.py) unchanged: the same fields, layers and
products (every product of round 19 is already known: gunicorn, uvicorn,
hypercorn, waitress, node, puma, tomcat, go-net-http, go-reverseproxy,
http-proxy-middleware and the frameworks). A transcript that follows
redirects is checked on its last status; a raw `printf ... | nc` transcript
is read like `curl -si` (its status line starts the response). Exit status:
0 ok, 3 when the observed status differs from WANT (the entry is still
written, so a human can look; the capture script then refuses to copy the
corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round16  # noqa: E402

if __name__ == "__main__":
    finish_round16.main()
