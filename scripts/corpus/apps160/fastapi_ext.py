"""Round 160: round 74's FastAPI catalog (apps74/fastapi_app.py, unchanged and
imported) with five routes added, served by uvicorn: GET
/api/catalog/legacy-1 a 301 to /api/products/1 (public, max-age=300), GET
/api/admin/users a JSON 403, PUT /api/orders/{id} a JSON 409, DELETE
/api/orders/{id} a 204, GET /api/me a JSON 200 with `Authorization: Bearer
good-token` (private, max-age=60), a JSON 401 without.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apps74"))
from fastapi import Request, Response  # noqa: E402
from fastapi.responses import JSONResponse, RedirectResponse  # noqa: E402
from fastapi_app import NS, app  # noqa: E402


@app.get("/api/catalog/legacy-1")
async def legacy():
    return RedirectResponse("/api/products/1", 301, {"Cache-Control": "public, max-age=300"})


@app.get("/api/admin/users")
async def admin():
    return JSONResponse({"detail": "Not enough permissions"}, 403, NS)


@app.put("/api/orders/{oid}")
async def put_order(oid: int):
    return JSONResponse({"detail": f"Order {oid} was changed by another request"}, 409, NS)


@app.delete("/api/orders/{oid}")
async def delete_order(oid: int):
    return Response(status_code=204, headers=NS)


@app.get("/api/me")
async def me(request: Request):
    if request.headers.get("authorization") != "Bearer good-token":
        return JSONResponse({"detail": "Not authenticated"}, 401, {"WWW-Authenticate": "Bearer", **NS})
    return JSONResponse({"user": "mira", "roles": ["buyer"]}, headers={"Cache-Control": "private, max-age=60"})
