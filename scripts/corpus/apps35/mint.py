#!/usr/bin/env python3
"""Mint the round-35 test credentials: RS256 JWTs for Express, HS256 JWTs
for FastAPI and the Go check service, printed as shell assignments.

Usage: mint.py KEYDIR  (rs-orders.pem is trusted, rs-old.pem is retired)
"""
import os
import sys
import time

import jwt

KEYDIR = sys.argv[1]
HS = "r35-billing-hs256-4b1e77d2a9"
now = int(time.time())


def rs(claims, key="rs-orders.pem", kid="orders-2026"):
    with open(os.path.join(KEYDIR, key), "rb") as f:
        return jwt.encode(claims, f.read(), algorithm="RS256", headers={"kid": kid})


def hs(claims, secret=HS):
    return jwt.encode(claims, secret, algorithm="HS256")


base = {"iss": "https://auth.example-shop.io/", "aud": "shop-api", "iat": now - 120, "sub": "u_30571",
        "email": "t.berg@example-shop.io"}
good = dict(base, exp=now + 3600, scope="orders:read orders:write")
ro = dict(base, exp=now + 3600, scope="orders:read")
expired = dict(good, iat=now - 7200, exp=now - 3600)
out = {
    "RS_GOOD": rs(good), "RS_RO": rs(ro), "RS_EXPIRED": rs(expired),
    "RS_BADSIG": rs(good, key="rs-old.pem"),
    "RS_WRONGAUD": rs(dict(good, aud="admin-api")),
    "HS_GOOD": hs(good), "HS_RO": hs(ro), "HS_EXPIRED": hs(expired),
    "HS_BADSIG": hs(good, secret="r35-dev-secret-change-me"),
}
for k, v in out.items():
    print("TOK_%s='%s'" % (k, v))
