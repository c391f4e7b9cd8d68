# Round 158: Saltmarsh orders API in FastAPI 0.165 (ASGI). The same own
# checks as apps158/flask_app.py, FastAPI style: HTTPException with
# {"detail": ...} and a WWW-Authenticate header.
from fastapi import FastAPI, Header, HTTPException, Cookie
import jwt158

app = FastAPI()
REALM = 'Bearer realm="saltmarsh"'


def need_bearer(authorization, scope):
    kind, got = jwt158.bearer(authorization or "")
    if kind == "missing":
        raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    if kind == "invalid":
        raise HTTPException(401, got, headers={"WWW-Authenticate":
                            '%s, error="invalid_token", error_description="%s"' % (REALM, got)})
    if scope not in got.get("scope", "").split():
        raise HTTPException(403, "Not enough permissions: scope %s required" % scope,
                            headers={"WWW-Authenticate": '%s, error="insufficient_scope", scope="%s"' % (REALM, scope)})
    return got


@app.get("/api/orders/{oid}")
def order(oid: int, authorization: str | None = Header(None)):
    c = need_bearer(authorization, "orders")
    return {"id": oid, "status": "packed", "owner": c["sub"]}


@app.get("/api/admin/orders/{oid}")
def admin_order(oid: int, authorization: str | None = Header(None)):
    c = need_bearer(authorization, "admin")
    return {"id": oid, "refunded": False, "audited_by": c["sub"]}


@app.get("/api/reports")
def reports(x_api_key: str | None = Header(None)):
    if not x_api_key:
        raise HTTPException(401, "X-Api-Key header missing")
    if jwt158.API_KEYS.get(x_api_key) != "reports":
        raise HTTPException(403, "API key not allowed to read reports")
    return {"reports": [{"id": "2024-q3", "rows": 1180}]}


@app.get("/api/me")
def me(sid: str | None = Cookie(None)):
    if not sid or sid not in jwt158.SESSIONS:
        raise HTTPException(401, "Session expired or missing; log in again")
    return {"user": jwt158.SESSIONS[sid]}


@app.get("/admin/stats")
def stats(authorization: str | None = Header(None)):
    user = jwt158.basic_user(authorization or "")
    if user != "ana":
        raise HTTPException(403, "User %s is not an administrator" % user)
    return {"orders_today": 312, "user": user}


@app.get("/open/health")
def health():
    return {"status": "ok"}
