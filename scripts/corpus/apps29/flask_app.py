"""Round 29: the orders API in Flask, checking its own RS256 bearer JWTs
(PyJWT, a key set by kid, iss/aud/exp checked), the way teams write it."""
import os
from functools import wraps

import jwt
from flask import Flask, g, jsonify, request

app = Flask(__name__)
KEYDIR = os.environ["KEYDIR"]
with open(os.path.join(KEYDIR, "rs-orders.pub"), "rb") as f:
    JWKS = {"orders-2025": f.read()}
REALM = 'Bearer realm="orders-api"'


def unauthorized(desc, error="invalid_token"):
    resp = jsonify(error=error, error_description=desc)
    resp.status_code = 401
    resp.headers["WWW-Authenticate"] = '%s, error="%s", error_description="%s"' % (REALM, error, desc)
    return resp


def require(scope):
    def deco(fn):
        @wraps(fn)
        def inner(*a, **kw):
            auth = request.headers.get("Authorization", "")
            if not auth:
                resp = jsonify(error="unauthorized", error_description="Missing bearer token")
                resp.status_code = 401
                resp.headers["WWW-Authenticate"] = REALM
                return resp
            kind, _, tok = auth.partition(" ")
            if kind.lower() != "bearer" or not tok:
                return unauthorized("Authorization header must be a Bearer token", "invalid_request")
            try:
                hdr = jwt.get_unverified_header(tok)
            except jwt.DecodeError:
                return unauthorized("Malformed token")
            if hdr.get("alg") != "RS256":
                return unauthorized("Unexpected signing algorithm %s" % hdr.get("alg"))
            key = JWKS.get(hdr.get("kid"))
            if key is None:
                return unauthorized("Unknown signing key %s" % hdr.get("kid"))
            try:
                claims = jwt.decode(tok, key, algorithms=["RS256"], audience="orders-api",
                                    issuer="https://id.example-corp.com/")
            except jwt.ExpiredSignatureError:
                return unauthorized("The access token expired")
            except jwt.InvalidSignatureError:
                return unauthorized("Signature verification failed")
            except jwt.InvalidTokenError as e:
                return unauthorized(str(e))
            if scope not in claims.get("scope", "").split():
                resp = jsonify(error="insufficient_scope", error_description="This call needs the %s scope" % scope)
                resp.status_code = 403
                resp.headers["WWW-Authenticate"] = '%s, error="insufficient_scope", scope="%s"' % (REALM, scope)
                return resp
            g.claims = claims
            return fn(*a, **kw)
        return inner
    return deco


@app.get("/api/health")
def health():
    return jsonify(status="ok")


@app.get("/api/orders")
@require("orders:read")
def orders():
    return jsonify(orders=[{"id": 1, "sku": "A-1", "qty": 2}], user=g.claims["sub"])


@app.post("/api/orders")
@require("orders:write")
def create():
    return jsonify(id=2, status="created"), 201


@app.get("/api/orders/<int:oid>")
@require("orders:read")
def one(oid):
    if oid != 1:
        return jsonify(error="not_found", message="order %d not found" % oid), 404
    return jsonify(id=1, sku="A-1", qty=2)


@app.get("/api/admin/reports")
@require("orders:admin")
def reports():
    return jsonify(reports=[])
