"""Round-47 corpus: the JWTs the capture script sends, made with PyJWT (HS256)
at capture time so that "valid" tokens are valid and "expired" ones expired
an hour ago. Prints shell assignments: NAME='token'.
"""
import time
import warnings

import jwt

warnings.simplefilter("ignore")  # the demo keys are shorter than 32 bytes

NOW = int(time.time())
KEYS = {
    "EG": "round47-mobile-signing-key",            # express-gateway's jwt policy
    "HPM": "round47-partner-signing-key",          # express-jwt in the hpm gateway
    "FGW": "round47-shipping-signing-key",         # @fastify/jwt
    "AIO": "round47-storefront-signing-key-000001",  # PyJWT in the aiohttp gateway
}


def tok(key, **claims):
    return jwt.encode(claims, key, algorithm="HS256")


out = {
    "EG_JWT_OK": tok(KEYS["EG"], sub="mobile-user-42", exp=NOW + 3600, iat=NOW),
    "EG_JWT_EXPIRED": tok(KEYS["EG"], sub="mobile-user-42", exp=NOW - 3600, iat=NOW - 7200),
    "EG_JWT_BADSIG": tok("not-the-gateway-key", sub="mobile-user-42", exp=NOW + 3600, iat=NOW),
    "HPM_JWT_OK": tok(KEYS["HPM"], sub="partner-acme", exp=NOW + 3600, iat=NOW),
    "HPM_JWT_EXPIRED": tok(KEYS["HPM"], sub="partner-acme", exp=NOW - 3600, iat=NOW - 7200),
    "FGW_JWT_READ": tok(KEYS["FGW"], sub="svc-checkout", scope="shipments:read", exp=NOW + 3600, iat=NOW),
    "FGW_JWT_WRITE": tok(KEYS["FGW"], sub="svc-checkout", scope="shipments:read shipments:write",
                         exp=NOW + 3600, iat=NOW),
    "FGW_JWT_EXPIRED": tok(KEYS["FGW"], sub="svc-checkout", scope="shipments:read", exp=NOW - 3600,
                           iat=NOW - 7200),
    "FGW_JWT_BADSIG": tok("not-the-gateway-key", sub="svc-checkout", scope="shipments:read",
                          exp=NOW + 3600, iat=NOW),
    "AIO_JWT_OK": tok(KEYS["AIO"], sub="cust-1001", exp=NOW + 3600, iat=NOW),
    "AIO_JWT_EXPIRED": tok(KEYS["AIO"], sub="cust-1001", exp=NOW - 600, iat=NOW - 4200),
    "AIO_JWT_BADSIG": tok("not-the-gateway-key-not-the-gateway-key", sub="cust-1001", exp=NOW + 3600, iat=NOW),
}
for name, value in out.items():
    print(f"{name}='{value}'")
