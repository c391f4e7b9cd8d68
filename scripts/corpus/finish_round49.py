#!/usr/bin/env python3
"""Post-process one round-49 capture and append its label (capture-round49.sh).

Usage:
  finish_round49.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 21's rules (finish_round21.py) unchanged: the same fields, layers and
products (every product of round 49 is already known: Django, Flask, Express,
FastAPI, Rails, PHP, Go's net/http, Koa, the JDK's HttpServer, nginx, Caddy,
Apache, HAProxy, Varnish), the same reading of the paste forms (`wget -S
-O-` on the last indented status line, HTTPie on its first status line once
the colours are taken out). FINISH_KEEP_CR=1 keeps the CRs curl wrote. Exit
status: 0 ok, 3 when the observed status differs from WANT (the entry is
still written with what was observed, so a human can look; the capture
script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round21  # noqa: E402,F401  (the products of rounds 1 to 21)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
