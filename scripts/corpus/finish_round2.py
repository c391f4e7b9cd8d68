#!/usr/bin/env python3
"""Post-process one round-2 transcript and append its label (capture-round2.sh).

Usage:
  finish_round2.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Like finish_capture.py (round 1), plus:
* a `setup` field, so the set can be split by setup;
* HTTPie transcripts (`$ http ...`, colour codes and all): the status is the
  first `HTTP/x NNN` line once colour codes are ignored;
* pastes that hold only part of an exchange (PASTE = body-only or
  headers-only). For body-only, WANT is the status the BODY shows (0 when it
  does not show one) and WIRE is the status the server really sent (read by
  the script from a header dump the paste leaves out); both are written.

Exit status: 0 ok, 3 when the observed status differs from WANT; the entry is
still written with what was observed, so a human can look. (For body-only
pastes the caller compares the wire status with what it expected.)
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402  (round 1's truncation and status reading)

LAYERS = fc.LAYERS
PRODUCTS = fc.PRODUCTS | {
    "lighttpd", "h2o", "trafficserver",
    "gunicorn", "waitress", "uvicorn", "hypercorn",
    "flask", "django", "fastapi", "tornado", "aiohttp",
}
PASTES = {"body-only", "headers-only"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STATUS_ANY = re.compile(r"^HTTP/[0-9.]+ (\d{3})")


def truncate_body_only(lines):
    """Keep the command line and at most MAX_BODY bytes of body."""
    out, n = lines[:1], 0
    for line in lines[1:]:
        size = len(line.encode("utf-8", "replace"))
        if n + size > fc.MAX_BODY:
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n"
            out.append("[... body cut by capture-round2.sh ...]\n")
            break
        out.append(line)
        n += size
    return out


def main():
    args = sys.argv[1:]
    if len(args) not in (8, 10):
        sys.exit(__doc__)
    path, labels, setup, want, layer, product, scenario, note = args[:8]
    paste, wire = (args[8], int(args[9])) if len(args) == 10 else ("", None)
    if layer not in LAYERS:
        sys.exit("bad layer %r" % layer)
    if product not in PRODUCTS:
        sys.exit("bad product %r" % product)
    if paste and paste not in PASTES:
        sys.exit("bad paste %r" % paste)
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    first = lines[0]
    want = int(want)
    bad = False
    if paste == "body-only":
        lines = truncate_body_only(lines)
        got = want  # the status the body shows: the labeller's reading of it
    elif first.startswith("$ http "):
        got = 0
        for line in lines[1:]:
            m = STATUS_ANY.match(ANSI.sub("", line))
            if m:
                got = int(m.group(1))
                break
        lines = fc.truncate(lines, False)
        bad = got != want
    else:
        verbose = " -sv " in first or first.rstrip().endswith(" -sv")
        got = fc.observed_status(lines, verbose)
        lines = fc.truncate(lines, verbose)
        bad = got != want
    with open(path, "w", encoding="utf-8") as f:
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
        if paste == "body-only":
            f.write("wire_status = %d\n" % wire)
        f.write("scenario = %s\n" % fc.toml_str(scenario))
        f.write("note = %s\n" % fc.toml_str(note))
    if bad:
        sys.stderr.write("MISMATCH %s: expected status %d, got %d\n" % (name, want, got))
        sys.exit(3)


if __name__ == "__main__":
    main()
