#!/usr/bin/env python3
"""Post-process one round-54 capture and append its label (capture-round54.sh).

Usage:
  finish_round54.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 53's rules (finish_round53.py, that is round 21's and round 18's)
unchanged: the same fields and layers, the same reading of the paste forms.
Products added for the software this round brings that no earlier round
used: "muffin" (the ASGI framework), "nexios" (the ASGI framework), "baize"
(the WSGI toolkit), "eventlet" (eventlet.wsgi, when it writes a page
itself), "paste" (Paste's httpserver, its httpexceptions pages and a
gateway built on paste.proxy), "connect" (Node's connect and its final
handler), "netius" (netius's reverse proxy) and "sniproxy". Exit status: 0
ok, 3 when the observed status differs from WANT (the entry is still written
with what was observed, so a human can look; the capture script then
refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round6 as r6  # noqa: E402
import finish_round21  # noqa: E402,F401  (the products of rounds 1 to 21)
import finish_round18  # noqa: E402

r6.PRODUCTS = r6.PRODUCTS | {
    "muffin", "nexios", "baize", "eventlet", "paste", "connect", "netius", "sniproxy",
}

if __name__ == "__main__":
    finish_round18.main()
