# Round 158: HS256 JWT helpers shared by the Python apps and tokensvc.py.
# Test keys made for this corpus only: "k2" is the current key, "k1" was
# rotated out (the checks no longer know it).
import base64, hashlib, hmac, json, time

KEYS = {"k2": b"round158-current-test-key"}
RETIRED = {"k1": b"round158-rotated-out-test-key"}
AUDIENCE = "orders-api"


def b64e(d):
    return base64.urlsafe_b64encode(d).rstrip(b"=").decode()


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def mint(sub, scope, exp_off, aud=AUDIENCE, kid="k2"):
    key = {**KEYS, **RETIRED}[kid]
    h = b64e(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}, separators=(",", ":")).encode())
    now = int(time.time())
    p = b64e(json.dumps({"sub": sub, "scope": scope, "aud": aud, "iat": now, "exp": now + exp_off},
                        separators=(",", ":")).encode())
    s = b64e(hmac.new(key, (h + "." + p).encode(), hashlib.sha256).digest())
    return h + "." + p + "." + s


def verify(token):
    """(claims, None) or (None, error_description)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None, "The access token is malformed"
    try:
        head = json.loads(b64d(parts[0]))
        claims = json.loads(b64d(parts[1]))
        sig = b64d(parts[2])
    except Exception:
        return None, "The access token is malformed"
    key = KEYS.get(head.get("kid"))
    if key is None:
        return None, "The access token was signed with an unknown key (kid=%s)" % head.get("kid")
    good = hmac.new(key, (parts[0] + "." + parts[1]).encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(good, sig):
        return None, "The access token signature is invalid"
    if claims.get("exp", 0) < time.time():
        return None, "The access token expired"
    if claims.get("aud") != AUDIENCE:
        return None, "The access token audience is not %s" % AUDIENCE
    return claims, None


def bearer(auth_header):
    """('missing'|'invalid'|'scope'|'ok', claims or description)."""
    if not auth_header or not auth_header.startswith("Bearer "):
        return "missing", None
    claims, why = verify(auth_header[7:].strip())
    if claims is None:
        return "invalid", why
    return "ok", claims


def basic_user(auth_header):
    if not auth_header or not auth_header.startswith("Basic "):
        return None
    try:
        return base64.b64decode(auth_header[6:]).decode().split(":", 1)[0]
    except Exception:
        return None


API_KEYS = {"ak_live_r158_reports": "reports", "ak_live_r158_readonly": "read"}
SESSIONS = {"s158-good-3f9a": "ana"}


if __name__ == "__main__":  # mint.py-style: SUB SCOPE EXP_OFF [AUD] [KID]
    import sys
    a = sys.argv[1:]
    print(mint(a[0], a[1], int(a[2]), a[3] if len(a) > 3 else AUDIENCE, a[4] if len(a) > 4 else "k2"))
