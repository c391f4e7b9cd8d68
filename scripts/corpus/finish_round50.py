#!/usr/bin/env python3
"""Shape one round-50 capture into the form it is pasted in, and append its
label (capture-round50.sh).

Usage:
  finish_round50.py FORM RAW HDR DEST LABELS SETUP STATUS LAYER PRODUCT SCENARIO NOTE [EXTRA]

RAW is what the terminal showed (`$ curl ...` then curl's output, CRs as
curl wrote them); HDR is curl's own `-D` dump of the same exchange, which
gives the status really on the wire. STATUS is the status the label must
carry, or SHOWN/WIRE for body-only pastes (SHOWN: the number the paste
itself shows, in the body or in curl's `(22)` line; 0 when none). FORM is
one of:

  v        a whole transcript (curl -si), CRs gone
  body     curl -s, or curl -sS --fail (only curl's `(22)` line is left):
           the command line and what curl printed (paste = body-only)
  head     curl -sI, or curl -sD - -o /dev/null (paste = headers-only)
  cut      the status line and the first EXTRA header lines after it, as
           copied from part of a terminal: from curl -si, or from curl -sv
           with the `< ` marks (paste = headers-only)
  vnobody  curl -sv with the body left off: everything up to the blank
           `<` line that ends the response headers (paste = headers-only)

Layers and products are those of earlier rounds (finish_round13.py and the
ones it imports). Exit status: 0 ok, 3 when the status on the wire is not
the one the label expects (the entry is still written, with what was seen).
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402
import finish_round6 as r6  # noqa: E402
import finish_round11  # noqa: E402,F401  (the products of rounds 1 to 13)

HEADERS_ONLY = {"head", "cut", "vnobody"}
STATUS_LINE = re.compile(r"^(< )?HTTP/[0-9.]+ \d{3}")


def wire_status(path):
    got = 0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^HTTP/[0-9.]+ (\d{3})", line)
                if m:
                    got = int(m.group(1))
    except FileNotFoundError:
        pass
    return got


def shape(form, lines, extra):
    lines = [ln.rstrip("\r\n") for ln in lines]
    if form in ("v", "head", "body"):
        out = lines
    elif form == "cut":
        n = int(extra)
        start = next(i for i, ln in enumerate(lines) if STATUS_LINE.match(ln))
        out = lines[start: start + 1 + n]
        while out and out[-1].strip() in ("", "<"):
            out.pop()
    elif form == "vnobody":
        start = next(i for i, ln in enumerate(lines) if STATUS_LINE.match(ln))
        end = next(i for i in range(start, len(lines)) if lines[i] in ("<", "< "))
        out = lines[: end + 1]
    else:
        sys.exit("bad form %r" % form)
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    if len(args) not in (11, 12):
        sys.exit(__doc__)
    form, raw, hdr, dest, labels, setup, want, layer, product, scenario, note = args[:11]
    extra = args[11] if len(args) == 12 else ""
    if layer not in fc.LAYERS:
        sys.exit("bad layer %r" % layer)
    if product not in r6.PRODUCTS:
        sys.exit("bad product %r" % product)
    got = wire_status(hdr)
    with open(raw, encoding="utf-8", errors="replace", newline="") as f:
        lines = f.readlines()
    text = shape(form, lines, extra)
    with open(dest, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    ok = True
    if form == "body":
        shown, wire = (int(x) for x in want.split("/"))
        status, ok = shown, wire == got
        m = re.search(r"curl: \(22\) The requested URL returned error: (\d{3})", text)
        if m and int(m.group(1)) != shown:
            ok = False
    else:
        status, ok = got, int(want) == got
    with open(labels, "a", encoding="utf-8") as f:
        f.write("\n[[response]]\n")
        f.write("file = %s\n" % fc.toml_str(os.path.basename(dest)))
        f.write("status = %d\n" % status)
        f.write("layer = %s\n" % fc.toml_str(layer))
        f.write("product = %s\n" % fc.toml_str(product))
        f.write("setup = %s\n" % fc.toml_str(setup))
        if form == "body":
            f.write('paste = "body-only"\n')
            f.write("wire_status = %d\n" % got)
        elif form in HEADERS_ONLY:
            f.write('paste = "headers-only"\n')
        f.write("scenario = %s\n" % fc.toml_str(scenario))
        f.write("note = %s\n" % fc.toml_str(note))
    if not ok:
        sys.stderr.write("MISMATCH %s: expected %s, wire %d\n" % (os.path.basename(dest), want, got))
        sys.exit(3)


if __name__ == "__main__":
    main()
