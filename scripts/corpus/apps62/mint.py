# Round 62: mint a test HS256 JWT with the throwaway key of jwtsvc.py.
#   mint.py SUB SCOPE EXP_OFFSET_SECONDS [KEY]
import base64, hashlib, hmac, json, sys, time
sub, scope, off = sys.argv[1], sys.argv[2], int(sys.argv[3])
key = (sys.argv[4] if len(sys.argv) > 4 else "round62-throwaway-test-key").encode()
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
h = b(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
now = int(time.time())
p = b(json.dumps({"sub": sub, "scope": scope, "iat": now, "exp": now + off}, separators=(",", ":")).encode())
s = b(hmac.new(key, (h + "." + p).encode(), hashlib.sha256).digest())
print(h + "." + p + "." + s)
