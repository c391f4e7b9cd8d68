#!/usr/bin/env python3
"""Post-process one round-55 capture and append its label (capture-round55.sh).

Usage:
  finish_round55.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 54's rules (finish_round54.py, that is round 53's, 21's and 18's)
unchanged: the same fields and layers, the same reading of the paste forms,
the same check of each label's status against what was on the wire. Every
product this round brings (flask, fastapi, django, fastify, koa, waitress,
hypercorn, uvicorn, nginx, apache, haproxy, caddy, varnish, squid) is already
in the list, so none is added. Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was observed, so a
human can look; the capture script then refuses to copy the corpus into
tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
