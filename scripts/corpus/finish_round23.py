#!/usr/bin/env python3
"""Post-process one round-23 capture and append its label (capture-round23.sh).

Usage:
  finish_round23.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 21's rules (finish_round21.py, which is round 18's) unchanged: every
product of round 23 is already known (FastAPI, Flask, Express, Fastify,
@fastify/http-proxy, http-proxy-middleware, Go's ReverseProxy and net/http,
Tomcat, Jetty, uvicorn, gunicorn, nginx, Apache, HAProxy). FINISH_KEEP_CR=1
keeps the CRs curl wrote. Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was observed, so a
human can look; the capture script then refuses to copy the corpus into
tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round21  # noqa: E402,F401  (adds "passenger" to the known products)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
