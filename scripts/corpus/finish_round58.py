#!/usr/bin/env python3
"""Post-process one round-58 capture and append its label (capture-round58.sh).

Usage:
  finish_round58.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Nothing new: round 55's finisher (that is round 54's product list on top of
round 18's reading of the paste forms) is used as it is. Every product this
round labels (django, fastapi, flask, gin, nginx, apache, haproxy, caddy,
varnish, squid) is already known there. Each call checks the status it is
given against the one in the transcript (for body-only pastes, the script
checks the wire status itself) and exits 3 when they differ, which makes
the capture script leave tests/fixtures alone.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
