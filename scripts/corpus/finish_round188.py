#!/usr/bin/env python3
"""Post-process one round-188 capture and append its label (capture-round188.sh).

Usage:
  finish_round188.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 178's finish step (round 94's) (round 92's, 89's, 88's, 84's: round 82's with the `curl
-skv` and HTTPie `https` readings) with round 76's one addition for round
50's "cut" form: when a paste cut from `curl -sv` keeps the `< ` marks and
has no command line above it, its status line is read with them. The same
fields and layers, the same reading of every paste form (`curl -s | jq .`
and `curl -s -w '%{http_code}'` as round 76 read them), and the same check
of each label's status against the status on the wire. For a body-only
paste the capture script compares the status really sent with WIRE before
calling this. No product is added: every product this round uses
(express, fastify, flask, fastapi, django, nginx, caddy, apache,
haproxy and varnish) is already known.
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

for _p in ("fastapi", "express", "fastify", "django", "flask", "nginx",
           "apache", "caddy", "haproxy", "varnish"):
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
