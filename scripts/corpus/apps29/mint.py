#!/usr/bin/env python3
"""Mint the round-29 test credentials: RS256 and HS256 JWTs, opaque tokens.

Usage: mint.py KEYDIR  -> prints shell assignments (TOK_...=...) to stdout.
KEYDIR holds rs-orders.pem (the signing key the apps trust, kid orders-2025)
and rs-old.pem (a key nobody trusts any more, kid orders-2023).
"""
import os
import sys
import time

import jwt

KEYDIR = sys.argv[1]
HS = "r29-orders-hs256-shared-secret-7f3a9c"
now = int(time.time())


def rs(claims, kid="orders-2025", key="rs-orders.pem", alg="RS256"):
    with open(os.path.join(KEYDIR, key), "rb") as f:
        k = f.read()
    return jwt.encode(claims, k, algorithm=alg, headers={"kid": kid})


def hs(claims, secret=HS, kid=None):
    return jwt.encode(claims, secret, algorithm="HS256", headers={"kid": kid} if kid else None)


base = {"iss": "https://id.example-corp.com/", "aud": "orders-api", "iat": now - 60, "nbf": now - 60}
user = dict(base, sub="u_48213", email="maria.k@example-corp.com", exp=now + 3600)
full = dict(user, scope="orders:read orders:write")
ro = dict(user, scope="orders:read")
expired = dict(full, iat=now - 5400, nbf=now - 5400, exp=now - 1800)
contractor = dict(full, sub="u_90017", email="j.doe@contractor-mail.net")

out = {
    # RS256 family (Flask, FastAPI, HAProxy, the auth gate)
    "RS_GOOD": rs(full),
    "RS_RO": rs(ro),
    "RS_EXPIRED": rs(expired),
    "RS_OLDKID": rs(full, kid="orders-2023", key="rs-old.pem"),
    "RS_BADSIG": rs(full, key="rs-old.pem"),           # claims kid orders-2025, signed with the old key
    "RS_AS_HS": hs(full, kid="orders-2025"),           # HS256 where RS256 is expected
    "RS_CONTRACTOR": rs(contractor),
    # HS256 family (Express, Go, DRF, the auth services)
    "HS_GOOD": hs(full),
    "HS_RO": hs(ro),
    "HS_EXPIRED": hs(expired),
    "HS_BADSIG": hs(full, secret="r29-staging-hs256-secret-not-for-prod"),
    "HS_NOSCOPE": hs(user),
    # opaque tokens
    "OPAQUE_OK": "opq_live_3kTq8ZsW1vYp0bNf6LxR2uMd",
    "OPAQUE_REVOKED": "opq_live_9HgE4cVt7KjP2sQa5WnB8yXr",
    "GH_STYLE": "gho_16C7e42F292c6912E7710c838347Ae178B4a",
}
for k, v in out.items():
    print("TOK_%s='%s'" % (k, v))
