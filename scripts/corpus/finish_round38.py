#!/usr/bin/env python3
"""Post-process one round-38 capture and append its label (capture-round38.sh).

Usage:
  FINISH_FORM=FORM finish_round38.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 27's rules (finish_round27.py) unchanged: the same fields, layers and
paste forms (v, i, httpie, wget, body), with one product new in round 38:
"mongrel2" (the Mongrel2 web server, here as a reverse proxy). The others
(granian, flask, daphne, hypercorn, starlette, mitmproxy, privoxy,
busybox-httpd, webrick, yaws, thin, sinatra, node, node-http-proxy,
mini-httpd, cgi-script, webfs) are known from earlier rounds.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_round27  # noqa: E402

finish_round27.PRODUCTS = finish_round27.PRODUCTS | {"mongrel2"}

if __name__ == "__main__":
    finish_round27.main()
