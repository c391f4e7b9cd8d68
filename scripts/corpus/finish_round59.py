#!/usr/bin/env python3
"""Post-process one round-59 capture and append its label (capture-round59.sh).

Usage:
  finish_round59.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 57's finish step unchanged: round 54's rules (finish_round54.py, built
on rounds 21 and 18), the same fields and layers, the same handling of each
paste form, and the same check of the label's status against the status on
the wire. Two paste forms are new this round and need nothing new here: a
`curl -sv` paste with only its `< ` lines kept still carries the status
line, and a `curl -si` paste cut off after the headers still starts with it.
Every product used (flask, django, nginx, apache, haproxy, varnish, caddy,
squid) was already known. Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was seen, so a
person can look; the capture script then leaves tests/fixtures alone).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
