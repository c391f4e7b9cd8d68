#!/usr/bin/env python3
"""Post-process one round-184 capture and append its label (capture-round184.sh).

Usage:
  finish_round184.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 168's finish step (round 130's) unchanged but for its round number (round 130's
docstring describes its history: round 94's readings, round 76's reading of
a cut `curl -sv` paste with its `< ` marks). The same fields and layers, the
same reading of every paste form, and the same check of each label's status
against the status on the wire. For a body-only paste the capture script
compares the status really sent with WIRE before calling this. No product
is added: every product this round uses (express, flask, fastapi, django,
koa, php, nginx, apache, caddy, haproxy, varnish and trafficserver) is
already known.
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
import finish_round84  # noqa: E402,F401  (round 84's readings: -skv, `$ https`)

for _p in ("fastapi", "express", "django", "flask", "nginx", "apache",
           "caddy", "haproxy", "varnish", "trafficserver", "koa", "php"):
    assert _p in r6.PRODUCTS, _p

_observed = fc.observed_status


def observed_status(lines, verbose):
    got = _observed(lines, verbose)
    if got == 0 and not verbose and lines and lines[0].startswith("< HTTP/"):
        got = _observed(lines, True)  # a cut paste from curl -sv, `< ` marks kept
    return got


fc.observed_status = observed_status

if __name__ == "__main__":
    finish_round18.main()
