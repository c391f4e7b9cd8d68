#!/usr/bin/env python3
"""Post-process one round-46 capture and append its label (capture-round46.sh).

Usage:
  finish_round46.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 13's rules (finish_round11.py, by way of round 18's reading of the
paste forms) unchanged: the same fields and layers, the products of rounds
1 to 21, and one product added: "symfony" (Symfony's HttpKernel and
ErrorHandler components writing the page: the router's 404 and 405, the
"Oops! An Error Occurred" page and the debug exception page). `wget -S
-O-` transcripts are checked on their last indented status line.
FINISH_KEEP_CR=1 keeps the CRs curl wrote. Exit status: 0 ok, 3 when the
observed status differs from WANT (the entry is still written with what was
observed, so a human can look; the capture script then refuses to copy the
corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round21  # noqa: E402,F401  (the products of rounds 1 to 21)
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {"symfony"}

if __name__ == "__main__":
    finish_round18.main()
