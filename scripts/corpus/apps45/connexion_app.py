"""Round-45 corpus: the orders API on Connexion 3 (AsyncApp, an OpenAPI 3 spec),
under uvicorn.

  uvicorn --host 127.0.0.1 --port PORT connexion_app:app

Connexion answers many errors itself as application/problem+json: request
validation (400), no such path (404), a method the spec lacks (405), the
bearer security check (401 without a token or with an unknown one) and an
uncaught exception (500). The handlers write the rest (404 for an unknown
order, 403 for a token without the reports scope, 409, 429, 503).
"""

import asyncio

from connexion import AsyncApp
from connexion.exceptions import ProblemException

ORDER = {"id": 1, "sku": "A-1", "qty": 2, "status": "paid"}
OK = {"200": {"description": "ok"}}


def op(name, **extra):
    d = {"operationId": "connexion_app." + name, "responses": OK}
    d.update(extra)
    return d


OID = [{"name": "oid", "in": "path", "required": True, "schema": {"type": "integer"}}]
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "orders", "version": "1.0"},
    "components": {"securitySchemes": {"bearer": {
        "type": "http", "scheme": "bearer", "x-bearerInfoFunc": "connexion_app.token_info"}}},
    "paths": {
        "/api/health": {"get": op("health")},
        "/api/orders/{oid}": {"get": op("order", parameters=OID)},
        "/api/orders": {"post": op("create", requestBody={"required": True, "content": {"application/json": {
            "schema": {"type": "object", "required": ["sku", "qty"], "properties": {
                "sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}}},
            responses={"201": {"description": "created"}})},
        "/api/admin/reports": {"get": op("reports", security=[{"bearer": ["reports:read"]}])},
        "/api/orders/{oid}/cancel": {"post": op("cancel", parameters=OID)},
        "/api/limited": {"get": op("limited")},
        "/api/boom": {"get": op("boom")},
        "/api/maintenance": {"get": op("maintenance")},
        "/api/slow": {"get": op("slow")},
        "/api/search": {"get": op("search", parameters=[{"name": "q", "in": "query", "schema": {"type": "string"}}])},
        "/api/upload": {"post": op("upload", requestBody={"content": {"application/octet-stream": {
            "schema": {"type": "string", "format": "binary"}}}})},
    },
}


def token_info(token):
    if token == "admin-token":
        return {"sub": "ops", "scope": ["reports:read"]}
    if token == "user-token":
        return {"sub": "ada", "scope": ["orders:read"]}
    return None


async def health():
    return {"status": "ok"}


async def order(oid):
    if oid != 1:
        raise ProblemException(status=404, title="Not Found", detail="order %d not found" % oid)
    return ORDER


async def create(body):
    return {"id": 2, "sku": body["sku"], "qty": body["qty"], "status": "pending"}, 201, {"Location": "/api/orders/2"}


async def reports():
    from connexion.context import context
    if "reports:read" not in (context.get("token_info") or {}).get("scope", []):
        raise ProblemException(status=403, title="Forbidden", detail="reports:read scope required")
    return {"reports": []}


async def cancel(oid):
    return {"error": "conflict", "message": "order %d has already shipped" % oid}, 409


async def limited():
    return {"error": "rate_limited", "message": "too many requests, retry in 30 s"}, 429, {"Retry-After": "30"}


async def boom():
    totals = {}
    return {"total": totals["EUR"]}  # KeyError: not handled


async def maintenance():
    return ({"error": "maintenance", "message": "orders are read-only during the migration"}, 503,
            {"Retry-After": "120"})


async def slow():
    await asyncio.sleep(5)
    return {"status": "late"}


async def search(q=""):
    return {"query": q, "results": [ORDER]}


async def upload(body):
    return {"received": len(body or b"")}


app = AsyncApp(__name__)
app.add_api(SPEC)
