#!/usr/bin/env python3
"""Shape one round-33 capture into the partial form it is pasted in, and
append its label (capture-round33.sh).

Usage:
  finish_round33.py FORM RAW HDR DEST LABELS SETUP STATUS LAYER PRODUCT SCENARIO NOTE [EXTRA]

RAW is what the terminal showed (`$ curl ...` then curl's output, CRs as
curl wrote them); HDR is curl's own `-D` dump of the same exchange, which
gives the status really on the wire (0 when no response came). STATUS is the
status the label must carry, or SHOWN/WIRE for body-only pastes (SHOWN: the
number the paste itself shows, 0 when none). FORM is one of:

  v       a whole transcript (curl -sv / -si / -svL), CRs gone
  vcr     the same, saved to a file: CRs kept
  twice   a whole transcript pasted twice in a row
  vnoreq  curl -sv with everything before the first `< HTTP/` line cut off
  vlog    curl -sv between shell prompts, then the last two lines of a log (EXTRA)
  vnobody curl -sv cut after the response headers (paste = headers-only)
  head    curl -sI or curl -sD - -o /dev/null (paste = headers-only)
  few     the status line and the headers named in EXTRA, nothing else
          (paste = headers-only)
  body    curl -s / curl -sS / curl -sSf: the body and curl's own error line
          (paste = body-only, with wire_status)

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

PROMPT = "deploy@api-prod-2:~$ "
HEADERS_ONLY = {"vnobody", "head", "few"}


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
    if form in ("v", "twice", "head", "body"):
        out = lines
    elif form == "vnoreq":
        start = next((i for i, ln in enumerate(lines) if re.match(r"^< HTTP/", ln)), 0)
        out = lines[start:]
    elif form == "vlog":
        with open(extra, encoding="utf-8", errors="replace") as f:
            log = [ln.rstrip("\n") for ln in f.readlines()[-2:]]
        out = [PROMPT + lines[0][2:]] + lines[1:] + [PROMPT + "tail -n 2 " + extra] + log + [PROMPT]
    elif form == "vnobody":
        last = max(i for i, ln in enumerate(lines) if ln.startswith("<"))
        out = lines[: last + 1]
    elif form == "few":
        want = [h.strip().lower() for h in extra.split(",")]
        status = next(ln for ln in lines if re.match(r"^HTTP/", ln))
        out = [status] + [ln for ln in lines[1:] if ln.split(":", 1)[0].lower() in want]
    else:
        sys.exit("bad form %r" % form)
    text = "\n".join(out) + "\n"
    if form == "twice":
        text = text + "\n" + text
    return text


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
    if form == "vcr":
        text = "".join(ln if ln.endswith("\n") else ln + "\n" for ln in lines)
    else:
        text = shape(form, lines, extra)
    with open(dest, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    if form == "body":
        shown, wire = (int(x) for x in want.split("/"))
        status, ok = shown, wire == got
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
        elif got == 0:
            f.write("wire_status = 0\n")
        f.write("scenario = %s\n" % fc.toml_str(scenario))
        f.write("note = %s\n" % fc.toml_str(note))
    if not ok:
        sys.stderr.write("MISMATCH %s: expected %s, wire %d\n" % (os.path.basename(dest), want, got))
        sys.exit(3)


if __name__ == "__main__":
    main()
