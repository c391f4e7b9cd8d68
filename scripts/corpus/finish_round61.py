#!/usr/bin/env python3
"""Post-process one round-61 capture and append its label (capture-round61.sh).

Usage:
  finish_round61.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Nothing new here: round 55's finish step as it was (round 54's rules, built
on rounds 21 and 18), the same fields and layers, the same reading of every
paste form, and the same check of each label's status against the status on
the wire. Every product this round uses (fastify, koa, nestjs, sinatra, gin,
go-net-http, squid,
nginx, apache, haproxy, varnish, caddy) was already known. Exit status: 0 ok,
3 when the observed status differs from WANT (the entry is still written with
what was seen; the capture script then leaves tests/fixtures alone).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round54  # noqa: E402,F401  (the products of rounds 1 to 54)
import finish_round18  # noqa: E402

if __name__ == "__main__":
    finish_round18.main()
