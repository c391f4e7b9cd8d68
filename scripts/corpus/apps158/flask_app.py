# Round 158: Larchmont orders API in Flask 3.1 (WSGI). Checks its own
# credentials: Bearer JWTs (jwt158.py) on /api/orders and /api/admin,
# X-Api-Key on /api/reports, a session cookie on /api/me, the Basic user a
# front already accepted on /admin/ (only "ana" may see the stats).
from flask import Flask, jsonify, request
import jwt158

app = Flask(__name__)
REALM = 'Bearer realm="larchmont"'


def refuse(status, body, www=None):
    r = jsonify(body)
    r.status_code = status
    if www:
        r.headers["WWW-Authenticate"] = www
    return r


def need_bearer(scope):
    kind, got = jwt158.bearer(request.headers.get("Authorization", ""))
    if kind == "missing":
        return None, refuse(401, {"error": "unauthorized", "message": "missing bearer token"}, REALM)
    if kind == "invalid":
        return None, refuse(401, {"error": "invalid_token", "error_description": got},
                            '%s, error="invalid_token", error_description="%s"' % (REALM, got))
    if scope not in got.get("scope", "").split():
        return None, refuse(403, {"error": "insufficient_scope", "required": scope},
                            '%s, error="insufficient_scope", scope="%s"' % (REALM, scope))
    return got, None


@app.get("/api/orders/<int:oid>")
def order(oid):
    claims, err = need_bearer("orders")
    if err:
        return err
    return jsonify(id=oid, status="shipped", owner=claims["sub"], total="41.90")


@app.get("/api/admin/orders/<int:oid>")
def admin_order(oid):
    claims, err = need_bearer("admin")
    if err:
        return err
    return jsonify(id=oid, refunded=False, audited_by=claims["sub"])


@app.get("/api/reports")
def reports():
    key = request.headers.get("X-Api-Key")
    if not key:
        return refuse(401, {"error": "api_key_required", "message": "send X-Api-Key"})
    if jwt158.API_KEYS.get(key) != "reports":
        return refuse(403, {"error": "forbidden", "message": "this API key may not read reports"})
    return jsonify(reports=[{"id": "2024-q3", "rows": 1180}])


@app.get("/api/me")
def me():
    sid = request.cookies.get("sid")
    if not sid or sid not in jwt158.SESSIONS:
        return refuse(401, {"error": "not_logged_in", "message": "session missing or expired", "login": "/login"})
    return jsonify(user=jwt158.SESSIONS[sid], session=sid)


@app.get("/admin/stats")
def stats():
    user = jwt158.basic_user(request.headers.get("Authorization", "")) or request.headers.get("X-Remote-User")
    if user != "ana":
        return refuse(403, {"error": "forbidden", "message": "user %s is not an administrator" % user})
    return jsonify(orders_today=312, user=user)


@app.get("/open/health")
@app.get("/ops/health")
def health():
    return jsonify(status="ok")
