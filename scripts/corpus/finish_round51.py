#!/usr/bin/env python3
"""Post-process one round-51 capture and append its label (capture-round51.sh).

Usage:
  finish_round51.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 11's rules (finish_round11.py) unchanged: the same fields, layers and
products (every product of round 13 is already known: Flask, FastAPI,
Express, Fastify, gin, Sinatra, PHP, Tomcat, gunicorn, uvicorn, uWSGI,
Puma, nginx, Apache, HAProxy, Caddy, Varnish, Squid). FINISH_KEEP_CR=1 keeps
the CRs curl wrote. Exit status: 0 ok, 3 when the observed status differs
from WANT (the entry is still written with what was observed, so a human can
look; the capture script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round11  # noqa: E402

if __name__ == "__main__":
    finish_round11.main()
