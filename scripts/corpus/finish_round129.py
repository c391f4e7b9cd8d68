#!/usr/bin/env python3
"""Post-process one round-129 capture and append its label (capture-round129.sh).

Usage:
  finish_round129.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 116's finish step (finish_round116.py, itself round 107's and round 90's: round 88's, round 84's, round 82's
with the `curl -skv` and HTTPie `https` readings) unchanged: the same fields and
layers, the same reading of every paste form, and the same check of each
label's status against the status on the wire. For a body-only paste the
capture script compares the status really sent with WIRE before calling
this. No product is added: every product this round uses (express, fastapi,
django, flask, sinatra, gunicorn and the six fronts) is already
known.
Exit status: 0 ok, 3 when the observed status differs from WANT (the entry
is still written with what was seen; the capture script then leaves
tests/fixtures alone).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402
import finish_round6 as r6  # noqa: E402
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round64  # noqa: E402,F401  (adds "srvx" and "panther")
import finish_round18  # noqa: E402
import finish_round84  # noqa: E402  (round 84's readings: -skv, `$ https`)

for _p in ("express", "fastapi", "django", "flask", "sinatra", "gunicorn",
           "nginx", "apache", "caddy", "haproxy", "varnish", "squid"):
    assert _p in r6.PRODUCTS, _p

if __name__ == "__main__":
    finish_round18.main()
