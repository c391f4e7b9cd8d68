#!/usr/bin/env python3
"""Post-process one round-11 capture and append its label (capture-round11.sh).

Usage:
  finish_round11.py FILE LABELS SETUP WANT LAYER PRODUCT SCENARIO NOTE [PASTE WIRE]

Round 10's rules (finish_round10.py) unchanged, with the products of round
11 (Spring MVC, the JDK's com.sun.net.httpserver, httprouter, go-restful).
`wget -S -O-` output is read as in round 10 (the status from the last
indented `  HTTP/...` line). Exit status: 0 ok, 3 when
the observed status differs from WANT (the entry is still written with what
was observed, so a human can look; the capture script then refuses to copy
the corpus into tests/fixtures).
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finish_capture as fc  # noqa: E402
import finish_round6 as r6  # noqa: E402
import finish_round10  # noqa: E402,F401  (adds the products of rounds 7 to 10)

r6.PRODUCTS = r6.PRODUCTS | {
    "spring-mvc", "jdk-httpserver", "httprouter", "go-restful",
}

WGET_STATUS = re.compile(r"^\s+HTTP/[0-9.]+ (\d{3})")


def wget_status(lines):
    got = 0
    for line in lines[1:]:
        m = WGET_STATUS.match(line)
        if m:
            got = int(m.group(1))
    return got


def main():
    args = sys.argv[1:]
    if len(args) == 8 and os.path.exists(args[0]):
        with open(args[0], encoding="utf-8", errors="replace") as f:
            first = f.readline()
        if first.startswith("$ wget "):
            with open(args[0], encoding="utf-8", errors="replace") as f:
                got = wget_status(f.readlines())
            write_wget(args, got)
            if got != int(args[3]):
                sys.stderr.write("MISMATCH %s: expected status %s, got %d\n" % (os.path.basename(args[0]), args[3], got))
                sys.exit(3)
            return
    r6.main()


def write_wget(args, got):
    path, labels, setup, _want, layer, product, scenario, note = args
    if layer not in fc.LAYERS:
        sys.exit("bad layer %r" % layer)
    if product not in r6.PRODUCTS:
        sys.exit("bad product %r" % product)
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    lines = fc.truncate(lines, False)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    with open(labels, "a", encoding="utf-8") as f:
        f.write("\n[[response]]\n")
        f.write("file = %s\n" % fc.toml_str(os.path.basename(path)))
        f.write("status = %d\n" % got)
        f.write("layer = %s\n" % fc.toml_str(layer))
        f.write("product = %s\n" % fc.toml_str(product))
        f.write("setup = %s\n" % fc.toml_str(setup))
        f.write("scenario = %s\n" % fc.toml_str(scenario))
        f.write("note = %s\n" % fc.toml_str(note))


if __name__ == "__main__":
    main()
