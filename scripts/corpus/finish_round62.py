#!/usr/bin/env python3
"""Post-process one round-62 capture and append its label (capture-round62.sh).

Usage:
  finish_round62.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 59's finish step unchanged (round 54's products and round 18's rules):
the same fields and layers, the same handling of each paste form, and the
same check of the label's status against the status on the wire. Every
product used this round (django, fastapi, flask, hypercorn, nginx, apache,
haproxy, caddy) was already known. Exit status: 0 ok, 3 when the observed
status differs from WANT (the entry is still written with what was seen, so
a person can look; the capture script then leaves tests/fixtures alone).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
