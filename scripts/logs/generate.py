#!/usr/bin/env python3
"""generate.py LINES > access.log — a synthetic combined access log (nginx, with
$request_time, $upstream_response_time and $upstream_addr after the combined fields) of a
two-hour incident: from minute 70 on, a third of /v1/checkout fails with 502. Deterministic
(seeded), about 100 bytes a line, for the speed comparison in scripts/bench."""
import random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rnd = random.Random(42)
routes = ["/v1/checkout", "/v1/orders/{}", "/v1/users/{}/cart", "/healthz", "/v1/search?q={}"]
weights = [20, 40, 20, 10, 10]
months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
out = sys.stdout
for i in range(n):
    second = i * 7200 // n
    minute = second // 60
    route = rnd.choices(routes, weights)[0].format(rnd.randint(1000, 99999))
    status = 200
    if route == "/v1/checkout" and minute >= 70 and rnd.random() < 0.33:
        status = 502
    elif rnd.random() < 0.01:
        status = 404
    t = 0.005 + rnd.random() * 0.2
    up = "10.1.0.%d:8080" % rnd.randint(1, 4)
    out.write('10.0.%d.%d - - [03/Dec/2026:%02d:%02d:%02d +0000] "GET %s HTTP/1.1" %d %d "-" "k6/0.49" %.3f %.3f %s\n' % (
        rnd.randint(0, 9), rnd.randint(1, 254), 1 + second // 3600, (second // 60) % 60, second % 60,
        route, status, rnd.randint(100, 4000), t, t - 0.001, up))
