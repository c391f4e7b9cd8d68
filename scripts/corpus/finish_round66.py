#!/usr/bin/env python3
"""Post-process one round-66 capture and append its label (capture-round66.sh).

Usage:
  finish_round66.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 63's finish step (finish_round63.py, that is rounds 61, 55 and 54's
rules, built on rounds 21 and 18) unchanged: the same fields, layers and
products (every product of round 66 is already known, "rack" included),
the same reading of every paste form (curl -sv / -si, CRs kept or CRLF,
HTTPie, `wget -S -O-`, body-only, headers-only), and the same check of each
label's status against the status on the wire. For a body-only paste the
capture script compares the status really sent with WIRE before calling
this. Exit status: 0 ok, 3 when the observed status differs from WANT (the
entry is still written with what was seen; the capture script then leaves
tests/fixtures alone, so one difference refuses the whole run).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round63  # noqa: E402,F401  (the products of rounds 1 to 63)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
