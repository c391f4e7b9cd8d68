#!/usr/bin/env python3
"""Post-process one captured transcript and append its label.

Usage:
  finish_capture.py FILE LABELS STATUS LAYER PRODUCT SCENARIO NOTE

* Truncates the response body in FILE when it is over MAX_BODY bytes (a marker
  line says how much was cut).
* Reads the status the server really sent (the last `< HTTP/..` line of a
  `curl -v` transcript, or the first `HTTP/..` line of a `curl -i` one; 0 when
  there was no response at all) and compares it with STATUS.
* Appends a [[response]] entry to LABELS.

Exit status: 0 ok, 3 when the observed status differs from STATUS (the entry
is still written, with the observed status, so a human can look).
"""

import json
import re
import sys

MAX_BODY = 4096
LAYERS = {"app", "proxy", "load-balancer", "cdn-cache", "waf", "identity", "unknown"}
PRODUCTS = {"nginx", "apache", "haproxy", "varnish", "caddy", "squid",
            "python-http.server", "unknown"}

STATUS_V = re.compile(r"^< HTTP/[0-9.]+ (\d{3})")
STATUS_I = re.compile(r"^HTTP/[0-9.]+ (\d{3})")
# Lines curl -v writes itself (info, request/response headers, data notes).
VERBOSE = re.compile(r"^(\* |\*\s|> |>$|< |<$|\{ \[|\} \[)")


def observed_status(lines, verbose):
    found = 0
    for line in lines:
        m = (STATUS_V if verbose else STATUS_I).match(line)
        if m:
            code = int(m.group(1))
            if code == 100:
                continue  # interim response (Expect: 100-continue)
            found = code
            if not verbose:
                break
    return found


def truncate(lines, verbose):
    """Return lines with the body cut after MAX_BODY bytes."""
    out, body_bytes, cut, in_body = [], 0, 0, verbose
    for i, line in enumerate(lines):
        if i == 0:  # the `$ curl ...` line
            out.append(line)
            continue
        if not verbose and not in_body:
            out.append(line)
            if line.strip() == "":
                in_body = True
            continue
        is_body = not (verbose and VERBOSE.match(line))
        if is_body:
            n = len(line.encode("utf-8", "replace"))
            if body_bytes + n > MAX_BODY:
                cut += n
                continue
            body_bytes += n
        out.append(line)
    if cut:
        # keep curl's closing lines (after the body) in place for -v
        marker = "[... %d more bytes of body removed by capture.sh ...]\n" % cut
        if verbose:
            tail = []
            while out and VERBOSE.match(out[-1]) and out[-1].startswith("*"):
                tail.insert(0, out.pop())
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n"
            out += [marker] + tail
        else:
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n"
            out.append(marker)
    return out


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    path, labels, want, layer, product, scenario, note = sys.argv[1:]
    if layer not in LAYERS:
        sys.exit("bad layer %r" % layer)
    if product not in PRODUCTS:
        sys.exit("bad product %r" % product)
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    verbose = " -sv " in lines[0] or lines[0].rstrip().endswith(" -sv")
    got = observed_status(lines, verbose)
    lines = truncate(lines, verbose)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    name = path.rsplit("/", 1)[-1]
    with open(labels, "a", encoding="utf-8") as f:
        f.write("\n[[response]]\n")
        f.write("file = %s\n" % toml_str(name))
        f.write("status = %d\n" % got)
        f.write("layer = %s\n" % toml_str(layer))
        f.write("product = %s\n" % toml_str(product))
        f.write("scenario = %s\n" % toml_str(scenario))
        f.write("note = %s\n" % toml_str(note))
    if got != int(want):
        sys.stderr.write("MISMATCH %s: expected status %s, got %d\n" % (name, want, got))
        sys.exit(3)


if __name__ == "__main__":
    main()
