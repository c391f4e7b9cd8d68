#!/usr/bin/env python3
"""Post-process one round-20 capture and append its label (capture-round20.sh).

Usage:
  finish_round18.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 11's rules (finish_round11.py) unchanged: the same fields, layers and
products (every product of round 20 is already known), and round 16's
reading of its paste forms (finish_round16.py, copied here): when the command line follows redirects (`-L`, alone or
in a group such as `-siL`), the transcript holds several responses and the
status checked is that of the LAST one (curl -v transcripts already were read
that way). `curl --fail-with-body -sS` pastes without headers are body-only
pastes: the caller passes the status that curl's "(22) The requested URL
returned error: NNN" line shows and the one on the wire. FINISH_KEEP_CR=1
keeps the CRs curl wrote. Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was observed, so a
human can look; the capture script then refuses to copy the corpus into
tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402
import finish_round11  # noqa: E402


def follows_redirects(first_line):
    for tok in first_line.split()[2:]:
        if tok == "-L" or tok == "--location":
            return True
        if tok.startswith("-") and not tok.startswith("--") and "L" in tok[1:]:
            return True
    return False


def last_status(lines, verbose):
    found = 0
    pattern = fc.STATUS_V if verbose else fc.STATUS_I
    for line in lines:
        m = pattern.match(line)
        if m and not m.group(1).startswith("1"):
            found = int(m.group(1))
    return found


def main():
    if len(sys.argv) > 1 and os.path.exists(sys.argv[1]):
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            first = f.readline()
        if first.startswith("$ curl ") and follows_redirects(first):
            fc.observed_status = last_status
    finish_round11.main()


if __name__ == "__main__":
    main()
