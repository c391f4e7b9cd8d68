#!/usr/bin/env python3
"""Post-process one round-8 capture and append its label (capture-round8.sh).

Usage:
  finish_round8.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 6's rules (finish_round6.py) unchanged, with the products of rounds 7
and 8 (TurboGears2, Responder, LoopBack 4, gorilla/handlers, redbird,
koa-proxies). Exit status: 0 ok, 3 when the observed status differs from
WANT (the entry is still written with what was observed, so a human can
look; the capture script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round7 as r7  # noqa: E402

r6.PRODUCTS = r7.r6.PRODUCTS | {
    "turbogears", "responder", "loopback", "gorilla-handlers", "redbird", "koa-proxies",
}

if __name__ == "__main__":
    r6.main()
