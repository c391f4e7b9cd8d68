#!/usr/bin/env python3
"""Post-process one round-85 capture and append its label (capture-round85.sh).

Usage:
  finish_round85.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 84's finish step (finish_round84.py, that is round 82's, 77's, 76's,
73's, 70's, ..., built on rounds 21 and 18) unchanged: the same fields and
layers, the same reading of every paste form, and the same check of each
label's status against the status on the wire. No product is added: every
product this round uses (fastapi, flask, express, django, koa, sinatra and
the six fronts) is already known. Round 84's two readings (`curl -skv` as
`-sv`, HTTPie's `https` as `http`) are kept; this round uses neither.
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

for _p in ("flask", "express", "django", "fastapi", "sinatra", "koa",
           "nginx", "apache", "caddy", "haproxy", "varnish", "squid"):
    assert _p in r6.PRODUCTS, _p

import finish_round2 as r2  # noqa: E402

_observed = fc.observed_status
_truncate = fc.truncate


def skv(lines):
    """Round 84: curl typed as `curl -skv --http2` (TLS, -k) is as verbose as `-sv`."""
    return bool(lines) and lines[0].startswith("$ curl ") and " -skv " in lines[0]


def observed_status(lines, verbose):
    if lines and lines[0].startswith("$ https "):
        # Round 84: HTTPie's `https` command, read as round 3 reads `$ http `
        for line in lines[1:]:
            m = r2.STATUS_ANY.match(r2.ANSI.sub("", line))
            if m:
                return int(m.group(1))
        return 0
    verbose = verbose or skv(lines)
    got = _observed(lines, verbose)
    if got == 0 and not verbose and lines and lines[0].startswith("< HTTP/"):
        got = _observed(lines, True)  # a cut paste from curl -sv, `< ` marks kept
    return got


def truncate(lines, verbose):
    return _truncate(lines, verbose or skv(lines))


fc.observed_status = observed_status
fc.truncate = truncate

if __name__ == "__main__":
    finish_round18.main()
