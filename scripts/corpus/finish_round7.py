#!/usr/bin/env python3
"""Post-process one round-7 capture and append its label (capture-round7.sh).

Usage:
  finish_round7.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 6's rules (finish_round6.py) unchanged, with the products of round 7
(gorilla/mux, Emmett, restana, the express-http-proxy and @hapi/h2o2
gateways, pproxy). Exit status: 0 ok, 3 when the observed status differs from
WANT (the entry is still written with what was observed, so a human can
look; the capture script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {
    "gorilla-mux", "emmett", "restana", "express-http-proxy", "h2o2", "pproxy",
}

if __name__ == "__main__":
    r6.main()
