#!/usr/bin/env python3
"""Post-process one round-42 capture and append its label (capture-round42.sh).

Usage:
  FINISH_FORM=FORM finish_round42.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 27's rules (finish_round27.py) unchanged: the same fields, layers,
products and paste forms (v, i, httpie, wget, body).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round27  # noqa: E402

if __name__ == "__main__":
    finish_round27.main()
