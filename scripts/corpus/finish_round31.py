#!/usr/bin/env python3
"""Post-process one round-31 capture and append its label (capture-round31.sh).

Usage:
  FINISH_FORM=FORM finish_round31.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

The fields, layers and products of the earlier rounds, unchanged; every
product of round 31 is already known (aiohttp, Koa, Bottle, Sinatra, Express,
nginx, Apache, HAProxy, Varnish, h2o). The status on the wire is
read the way the paste form shows it (FINISH_FORM: v, i, httpie, wget, body),
as in round 27. FINISH_KEEP_CR=1 keeps the CRs curl wrote. Exit status: 0 ok,
3 when the observed status differs from WANT (the entry is still written, so
a human can look; the capture script then refuses to copy the corpus into
tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round27  # noqa: E402

if __name__ == "__main__":
    finish_round27.main()
