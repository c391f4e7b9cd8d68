#!/usr/bin/env python3
"""Post-process one round-64 capture and append its label (capture-round64.sh).

Usage:
  finish_round64.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 54's rules (its finisher builds on rounds 6, 18 and 21) are kept as
they are, as round 60 kept them: the same fields and layers, the same
reading of each paste form, the same check of the given status against the
one in the transcript (for a body-only paste the capture script checks the
wire status itself and passes it as WIRE). This file only adds the products
this round brings that no earlier round used: "panther" (the async Python
framework), "srvx" (the unjs server library for Node), and the fronts
"fastapi-proxy-lib", "http-proxy-3", "local-web-server", "asgiproxy",
"wsgiproxy2" and "rack-proxy". Exit status: 0 ok, 3 when the observed
status differs from WANT; the capture script then counts a mismatch and
leaves tests/fixtures alone (the whole run is refused).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {
    "panther", "srvx", "fastapi-proxy-lib", "http-proxy-3", "local-web-server",
    "asgiproxy", "wsgiproxy2", "rack-proxy",
}

if __name__ == "__main__":
    finish_round18.main()
