#!/usr/bin/env python3
"""Post-process one round-21 capture and append its label (capture-round21.sh).

Usage:
  finish_round21.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 18's rules (finish_round18.py) unchanged, with one product added:
"passenger" (Phusion Passenger, when it writes a page itself, such as its
error page for an app that fails to boot). Exit status: 0 ok, 3 when the
observed status differs from WANT (the entry is still written with what was
observed, so a human can look; the capture script then refuses to copy the
corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {"passenger"}

if __name__ == "__main__":
    finish_round18.main()
