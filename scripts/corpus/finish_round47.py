#!/usr/bin/env python3
"""Post-process one round-47 capture and append its label (capture-round47.sh).

Usage:
  finish_round47.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 21's rules (finish_round21.py) unchanged: the same fields and layers,
the same reading of the paste forms (`wget -S -O-` on the last indented
status line, `-L` transcripts on their last response), with one product
added: "express-gateway" (the Express Gateway API gateway, when it writes
the answer itself). Every other product of round 47 is already known
(Express, Flask, Django, Go's net/http, json-server, http-proxy-middleware,
@fastify/http-proxy, node's http-proxy, FastAPI, aiohttp, Sanic, nginx,
HAProxy, Caddy, Apache). FINISH_KEEP_CR=1 keeps the CRs curl wrote. Exit
status: 0 ok, 3 when the observed status differs from WANT (the entry is
still written with what was observed, so a human can look; the capture
script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round21  # noqa: E402,F401  (the products of rounds 1 to 21)
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {"express-gateway"}

if __name__ == "__main__":
    finish_round18.main()
