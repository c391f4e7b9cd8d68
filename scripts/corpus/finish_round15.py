#!/usr/bin/env python3
"""Post-process one round-15 capture and append its label (capture-round15.sh).

Usage:
  finish_round15.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 11's rules (finish_round11.py) unchanged: the same fields and layers,
with the products of round 15 (Laravel, Egg.js, Sails, APIFlask, Esmerald,
fasthttp, Web::Simple). FINISH_KEEP_CR=1 keeps the CRs curl wrote. Exit
status: 0 ok, 3 when the observed status differs from WANT (the entry is
still written with what was observed, so a human can look; the capture
script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round11  # noqa: E402
import finish_round6 as r6  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {
    "laravel", "egg", "sails", "apiflask", "esmerald", "fasthttp", "web-simple",
}

if __name__ == "__main__":
    finish_round11.main()
