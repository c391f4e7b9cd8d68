#!/usr/bin/env python3
"""Post-process one round-6 capture and append its label (capture-round6.sh).

Usage:
  finish_round6.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 5's rules (finish_round5.py) unchanged, with the products of round 6
(Gin, Echo and chi on Go, Hug, Flask-Smorest, Morepath, Python's wsgiref,
NestJS, json-server, Moleculer, and the gateways @fastify/http-proxy and an
aiohttp proxy). FINISH_KEEP_CR=1 keeps the CRs curl wrote; WANT is checked
against the wire for every kind of capture (for a body-only paste the caller
passes the wire status it read from a header dump, and WANT is then the
status the body shows).

Exit status: 0 ok, 3 when the observed status differs from WANT (the entry is
still written with what was observed, so a human can look; the capture script
then refuses to copy the corpus into tests/fixtures).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402
import finish_round2 as r2  # noqa: E402
import finish_round5 as r5  # noqa: E402

PRODUCTS = r5.PRODUCTS | {
    "gin", "echo", "chi", "hug", "flask-smorest", "morepath", "wsgiref",
    "nestjs", "json-server", "moleculer", "fastify-http-proxy",
}


def main():
    args = sys.argv[1:]
    if len(args) not in (8, 10):
        sys.exit(__doc__)
    path, labels, setup, want, layer, product, scenario, note = args[:8]
    paste, wire = (args[8], int(args[9])) if len(args) == 10 else ("", None)
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
    first = lines[0]
    want = int(want)
    if paste == "body-only":
        lines = r2.truncate_body_only(lines)
        got = want  # what the body shows; the wire status was checked by the caller
    elif first.startswith("$ http "):
        got = 0
        for line in lines[1:]:
            m = r2.STATUS_ANY.match(r2.ANSI.sub("", line))
            if m:
                got = int(m.group(1))
                break
        lines = fc.truncate(lines, False)
    else:
        verbose = " -sv " in first or first.rstrip().endswith(" -sv")
        got = fc.observed_status(lines, verbose)
        lines = fc.truncate(lines, verbose)
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
        if paste == "body-only":
            f.write("wire_status = %d\n" % wire)
        f.write("scenario = %s\n" % fc.toml_str(scenario))
        f.write("note = %s\n" % fc.toml_str(note))
    if got != want:
        sys.stderr.write("MISMATCH %s: expected status %d, got %d\n" % (name, want, got))
        sys.exit(3)


if __name__ == "__main__":
    main()
