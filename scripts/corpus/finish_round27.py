#!/usr/bin/env python3
"""Post-process one round-27 capture and append its label (capture-round27.sh).

Usage:
  FINISH_FORM=FORM finish_round27.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

The fields, layers and products of rounds 1 to 24 (with "laravel", round
15's). Round 27 is about paste forms, so the capture script says which form
it wrote (FINISH_FORM) and the status on the wire is read the way that form
shows it:

  v        curl -v / -sv (also over TLS and HTTP/2): the last `< HTTP/... NNN`
  i        curl -si, curl -s -D-, curl -sI: the first `HTTP/... NNN` line
  trace    curl --trace-ascii -: the last `0000: HTTP/... NNN` of a
           "<= Recv header" block
  httpie   HTTPie (-v, --print=hb, --headers; colours or not): the first
           status line once the colour codes are taken out
  wget     wget -S / --server-response: the last indented `  HTTP/... NNN`
  devtools response headers as a browser's developer tools copy them: the
           status line when there is one (0 when there is none)
  body     a body-only paste: WANT is the status the body shows, checked by
           the caller; WIRE is the one that was sent

The first line may carry a shell prompt before the command (`deploy@web-01:~$
curl ...`); it is kept. A body over 4096 bytes is cut as in earlier rounds
(curl -v and -i forms only). WIRE is written as wire_status for body-only
pastes and for header pastes that show no status line. FINISH_KEEP_CR=1
keeps the CRs curl wrote. Exit status: 0 ok, 3 when the observed status
differs from WANT (the entry is still written with what was observed, so a
human can look; the capture script then refuses to copy the corpus into
tests/fixtures).
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402
import finish_round2 as r2  # noqa: E402
import finish_round6 as r6  # noqa: E402
import finish_round21  # noqa: E402,F401  (the products of rounds 1 to 21)

PRODUCTS = r6.PRODUCTS | {"laravel"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
V = re.compile(r"^< HTTP/[0-9.]+ (\d{3})")
I = re.compile(r"^HTTP/[0-9.]+ (\d{3})")
TRACE = re.compile(r"^0000: HTTP/[0-9.]+ (\d{3})")
WGET = re.compile(r"^\s+HTTP/[0-9.]+ (\d{3})")


def first(lines, pat):
    for line in lines:
        m = pat.match(ANSI.sub("", line))
        if m and not m.group(1).startswith("1"):
            return int(m.group(1))
    return 0


def last(lines, pat):
    got = 0
    for line in lines:
        m = pat.match(line)
        if m and not m.group(1).startswith("1"):
            got = int(m.group(1))
    return got


def main():
    args = sys.argv[1:]
    if len(args) not in (8, 10):
        sys.exit(__doc__)
    path, labels, setup, want, layer, product, scenario, note = args[:8]
    paste, wire = (args[8], int(args[9])) if len(args) == 10 else ("", None)
    form = os.environ.get("FINISH_FORM", "i")
    if layer not in fc.LAYERS:
        sys.exit("bad layer %r" % layer)
    if product not in PRODUCTS:
        sys.exit("bad product %r" % product)
    if paste and paste not in r2.PASTES:
        sys.exit("bad paste %r" % paste)
    keep_cr = os.environ.get("FINISH_KEEP_CR") == "1"
    newline = "" if keep_cr else None
    with open(path, encoding="utf-8", errors="replace", newline=newline) as f:
        lines = f.readlines()
    want = int(want)
    if form == "body":
        lines = r2.truncate_body_only(lines)
        got = want
    elif form == "v":
        got = last(lines[1:], V)
        lines = fc.truncate(lines, True)
    elif form == "i":
        got = first(lines[1:], I)
        lines = fc.truncate(lines, False)
    elif form == "trace":
        got = last(lines[1:], TRACE)
    elif form == "httpie":
        got = first(lines[1:], I)
        lines = fc.truncate(lines, False)
    elif form == "wget":
        got = last(lines[1:], WGET)
    elif form == "devtools":
        got = first(lines[:1], I)
    else:
        sys.exit("bad form %r" % form)
    with open(path, "w", encoding="utf-8", newline="" if keep_cr else None) as f:
        f.writelines(lines)
    name = os.path.basename(path)
    with open(labels, "a", encoding="utf-8") as f:
        f.write("\n[[response]]\n")
        f.write("file = %s\n" % fc.toml_str(name))
        f.write("status = %d\n" % got)
        f.write("layer = %s\n" % fc.toml_str(layer))
        f.write("product = %s\n" % fc.toml_str(product))
        f.write("setup = %s\n" % fc.toml_str(setup))
        if paste:
            f.write("paste = %s\n" % fc.toml_str(paste))
        if wire is not None and (paste == "body-only" or got == 0):
            f.write("wire_status = %d\n" % wire)
        f.write("scenario = %s\n" % fc.toml_str(scenario))
        f.write("note = %s\n" % fc.toml_str(note))
    if got != want:
        sys.stderr.write("MISMATCH %s: expected status %d, got %d\n" % (name, want, got))
        sys.exit(3)


if __name__ == "__main__":
    main()
