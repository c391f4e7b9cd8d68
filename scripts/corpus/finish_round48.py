#!/usr/bin/env python3
"""Post-process one round-48 capture and append its label (capture-round48.sh).

Usage:
  finish_round48.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 13's rules (finish_round11.py, by way of round 18's reading of the
paste forms) unchanged: the same fields and layers, and the products of
rounds 1 to 46 (every product of round 48 is already known: Express, Node's
http server, Flask, gunicorn, FastAPI, uvicorn, Django, Go's net/http and
its ReverseProxy, Sinatra, Puma, nginx, Apache, Caddy, HAProxy, Varnish,
lighttpd, Traffic Server). A `curl -sv` transcript with no response line
(a TLS handshake refused, a connection closed without an answer) has status
0. `wget -S -O-` transcripts are checked on their last indented status line.
FINISH_KEEP_CR=1 keeps the CRs curl wrote. Exit status: 0 ok, 3 when the
observed status differs from WANT (the entry is still written with what was
observed, so a human can look; the capture script then refuses to copy the
corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round46  # noqa: E402,F401  (the products of rounds 1 to 46)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
