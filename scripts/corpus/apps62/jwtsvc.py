# Round 62: the token check nginx `auth_request` asks (Python http.server).
# HS256 JWTs signed with a throwaway test key that exists only in this
# corpus. 200 + X-Auth-User for a good token carrying the orders scope;
# 401 (WWW-Authenticate Bearer) for none, a bad signature, an expired token
# or an opaque string; 403 when the scope is missing. nginx never relays
# these bodies; it only looks at the status.
import base64
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = b"round62-throwaway-test-key"


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def check(token):
    parts = token.split(".")
    if len(parts) != 3:
        return None, "malformed"
    sig = hmac.new(KEY, (parts[0] + "." + parts[1]).encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(sig, b64d(parts[2])):
            return None, "bad signature"
        claims = json.loads(b64d(parts[1]))
    except Exception:
        return None, "malformed"
    if claims.get("exp", 0) < time.time():
        return None, "expired"
    return claims, None


class H(BaseHTTPRequestHandler):
    def answer(self, status, body, **headers):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return self.answer(401, {"error": "missing_token"}, WWW_Authenticate='Bearer realm="orders"')
        claims, why = check(auth[7:].strip())
        if claims is None:
            return self.answer(401, {"error": "invalid_token", "reason": why},
                               WWW_Authenticate='Bearer realm="orders", error="invalid_token", error_description="%s"' % why)
        if "orders" not in claims.get("scope", "").split():
            return self.answer(403, {"error": "insufficient_scope"},
                               WWW_Authenticate='Bearer realm="orders", error="insufficient_scope", scope="orders"')
        return self.answer(200, {"ok": True}, X_Auth_User=claims.get("sub", ""))

    def log_message(self, *a):
        sys.stderr.write("%s\n" % (a,))


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
