#!/usr/bin/env python3
"""Post-process one round-53 capture and append its label (capture-round53.sh).

Usage:
  finish_round53.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 21's rules (finish_round21.py) unchanged: the same fields, layers and
products (every product of round 53 is already known), the same reading of
the paste forms (`-L` transcripts are checked on their last response, `wget
-S -O-` on the last indented status line). FINISH_KEEP_CR=1 keeps the CRs
curl wrote. Exit status: 0 ok, 3 when the observed status differs from WANT
(the entry is still written with what was observed, so a human can look; the
capture script then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round21  # noqa: E402,F401  (the products of rounds 1 to 21)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
