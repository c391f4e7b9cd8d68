#!/usr/bin/env python3
"""Post-process one round-9 capture and append its label (capture-round9.sh).

Usage:
  finish_round9.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 6's rules (finish_round6.py) unchanged, with the products of round 9
(axum, actix-web, poem, a gateway on hyper, Django Ninja, Pecan, Klein,
itty-router, 0http, http2-proxy, Slim). Exit status: 0 ok, 3 when the
observed status differs from WANT (the entry is still written with what was
observed, so a human can look; the capture script then refuses to copy the
corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round8  # noqa: E402,F401  (adds the products of rounds 7 and 8)

r6.PRODUCTS = r6.PRODUCTS | {
    "axum", "actix-web", "poem", "hyper", "django-ninja", "pecan", "klein",
    "itty-router", "0http", "http2-proxy", "slim",
}

if __name__ == "__main__":
    r6.main()
