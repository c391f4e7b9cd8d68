# Token check service for nginx auth_request (round 52): Python http.server.
# 200 with X-Auth-User for a known token, 401 without one, 403 for a token
# that lacks the orders scope. Bodies in JSON (nginx does not relay them).
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKENS = {"Bearer admin-token": "ana", "Bearer user-token": "bo", "Bearer readonly-token": None}


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
        tok = self.headers.get("Authorization")
        if not tok or tok not in TOKENS:
            return self.answer(401, {"error": "invalid_token"}, WWW_Authenticate='Bearer realm="orders", error="invalid_token"')
        if TOKENS[tok] is None:
            return self.answer(403, {"error": "insufficient_scope"})
        return self.answer(200, {"ok": True}, X_Auth_User=TOKENS[tok])

    def log_message(self, *a):
        sys.stderr.write("%s\n" % (a,))


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
