#!/usr/bin/env python3
"""Post-process one round-60 capture and append its label (capture-round60.sh).

Usage:
  finish_round60.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 54's rules (its finisher builds on rounds 6, 18 and 21) are kept as
they are: the same fields and layers, the same reading of each paste form,
the same check of the given status against the one in the transcript. This
file only adds the three products this round brings that no earlier round
used: "rapidy" (the aiohttp-based framework), "pure-http" (the small Node
framework) and "httpxy" (the Node proxy library the round's gateway is
written on). Exit status: 0 ok, 3 when the observed status differs from
WANT; the capture script then leaves tests/fixtures alone.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {"rapidy", "pure-http", "httpxy"}

if __name__ == "__main__":
    finish_round18.main()
