#!/usr/bin/env python3
"""Post-process one round-34 capture and append its label (capture-round34.sh).

Usage:
  FINISH_FORM=FORM finish_round34.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

The fields, layers and products of the earlier rounds, unchanged; every
product of round 34 is already known (FastAPI, Flask, Django, Koa, Sinatra,
Go's net/http, Caddy, HAProxy, nginx, Apache, Varnish; hitch only terminates
TLS and writes no response). The status on the wire is
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
