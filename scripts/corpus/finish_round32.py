#!/usr/bin/env python3
"""Post-process one round-32 capture and append its label (capture-round32.sh).

Usage:
  finish_round32.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 11's rules (finish_round11.py) unchanged: the same fields, layers and
products (every product that writes a response in round 32 is already known:
Apache, nginx, HAProxy, Varnish, Caddy, Squid, nghttpx, Express, Flask,
PHP). HTTP/2 status lines are read like HTTP/1.1 ones,
`wget -S -O-` output from its last indented status line. FINISH_KEEP_CR=1
keeps the CRs curl wrote. Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was observed, so a
human can look; the capture script then refuses to copy the corpus into
tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round11  # noqa: E402

if __name__ == "__main__":
    finish_round11.main()
