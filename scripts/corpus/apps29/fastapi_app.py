"""Round 29: the orders API in FastAPI with its own security dependencies:
HTTPBearer for RS256 JWTs or opaque tokens, HTTPBasic on /v1/ops/."""
import os
import secrets

import jwt
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer

app = FastAPI(title="orders")
with open(os.path.join(os.environ["KEYDIR"], "rs-orders.pub"), "rb") as f:
    PUB = f.read()
OPAQUE = {"opq_live_3kTq8ZsW1vYp0bNf6LxR2uMd": {"sub": "svc_reporting", "scope": "orders:read"}}
bearer = HTTPBearer()
basic = HTTPBasic(realm="ops")


def claims(cred: HTTPAuthorizationCredentials = Depends(bearer)):
    tok = cred.credentials
    if tok.count(".") != 2:
        if tok in OPAQUE:
            return OPAQUE[tok]
        raise HTTPException(401, "Invalid or revoked token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    try:
        return jwt.decode(tok, PUB, algorithms=["RS256"], audience="orders-api")
    except jwt.ExpiredSignatureError:
        raise HTTPException(401, "Token expired", headers={"WWW-Authenticate": 'Bearer error="invalid_token", error_description="Token expired"'})
    except jwt.InvalidTokenError:
        raise HTTPException(401, "Could not validate credentials", headers={"WWW-Authenticate": "Bearer"})


def scope(name):
    def check(c=Depends(claims)):
        if name not in c.get("scope", "").split():
            raise HTTPException(403, "Not enough permissions")
        return c
    return check


def ops(cred: HTTPBasicCredentials = Depends(basic)):
    ok = secrets.compare_digest(cred.username, "ops") and secrets.compare_digest(cred.password, "s3cret-ops-pw")
    if not ok:
        raise HTTPException(401, "Incorrect username or password", headers={"WWW-Authenticate": 'Basic realm="ops"'})
    return cred.username


for prefix in ("/api", "/v1"):
    @app.get(prefix + "/orders")
    def orders(c=Depends(scope("orders:read"))):
        return {"orders": [{"id": 1, "sku": "A-1", "qty": 2}], "user": c["sub"]}

    @app.post(prefix + "/orders", status_code=201)
    def create(c=Depends(scope("orders:write"))):
        return {"id": 2, "status": "created"}

    @app.get(prefix + "/admin/reports")
    def reports(c=Depends(scope("orders:admin"))):
        return {"reports": []}

    @app.get(prefix + "/ops/queues")
    def queues(user=Depends(ops)):
        return {"queues": {"billing": 0}, "user": user}


@app.get("/partner/orders")
def partner_orders(request: Request):
    return {"orders": [], "partner": request.headers.get("x-partner", "")}


@app.get("/ops/queues")
def ops_queues():
    return {"queues": {"billing": 0}}
