#!/usr/bin/env python3
"""Post-process one round-56 capture and append its label (capture-round56.sh).

Usage:
  finish_round56.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

The rules of round 54 (finish_round54.py, which builds on rounds 21 and 18)
are kept as they are: the same fields, the same layers, the same reading of
each paste form, the same status check against the wire. This file only
adds the products this round brings that no earlier round used: "flama" (the
ASGI framework), "starlet" (the PSGI server, when it writes a page itself),
"perlbal" (the Perl reverse proxy) and "configurable-http-proxy" (the Node
proxy known from JupyterHub). Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was observed, so a
human can look; the capture script then leaves tests/fixtures alone).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54's set)
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {"flama", "starlet", "perlbal", "configurable-http-proxy"}

if __name__ == "__main__":
    finish_round18.main()
