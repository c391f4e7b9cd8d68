"""Round 85: the Pelican items API (FastAPI on uvicorn), behind nginx.
The edges an API client hits, answered by the app in FastAPI's own format:
pydantic's 422, HTTPException's {"detail":...}, Starlette's 404/405 and
plain-text 500, bearer-token 401 (with WWW-Authenticate) and API-key 401
(without), 403, 406, 409, 410, 415, an in-app 429, a maintenance 503 (a
flag file), 301/302/307/308, 201/202/204, and a 5 s slow route."""
import os, time
from fastapi import FastAPI, HTTPException, Request, Depends
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
FLAG_DIR = os.environ.get("FLAG_DIR", "/nonexistent")
HITS = {}
ITEM = {"id": 1, "name": "anchor chain", "stock": 12}


class ItemIn(BaseModel):
    name: str = Field(min_length=1)
    stock: int = Field(ge=0)


def json_only(request: Request):
    ct = request.headers.get("content-type", "")
    if not ct.startswith("application/json"):
        raise HTTPException(415, detail=f"Content-Type must be application/json, not {ct or 'none'}")


@app.get("/api/items/{item_id}")
def get_item(item_id: int, request: Request):
    acc = request.headers.get("accept", "*/*")
    if "json" not in acc and "*/*" not in acc:
        raise HTTPException(406, detail="this resource is only available as application/json")
    if item_id == 7:
        raise HTTPException(410, detail="item 7 was retired on 2026-01-31")
    if item_id != 1:
        raise HTTPException(404, detail=f"item {item_id} not found")
    return JSONResponse(ITEM, headers={"Cache-Control": "public, max-age=60", "ETag": '"pl-item-1-v3"'})


@app.post("/api/items", status_code=201, dependencies=[Depends(json_only)])
def create_item(item: ItemIn):
    if item.name == "anchor chain":
        raise HTTPException(409, detail="an item named 'anchor chain' already exists (id 1)")
    return JSONResponse({"id": 2, **item.model_dump()}, status_code=201, headers={"Location": "/api/items/2"})


@app.delete("/api/items/{item_id}", status_code=204)
def delete_item(item_id: int):
    return Response(status_code=204)


@app.post("/api/reports", status_code=202)
def start_report():
    return JSONResponse({"job": "rep-311", "state": "queued"}, status_code=202, headers={"Location": "/api/reports/jobs/rep-311"})


@app.get("/api/me")
def me(request: Request):
    auth = request.headers.get("authorization", "")
    if not auth.startswith("Bearer "):
        raise HTTPException(401, detail="Not authenticated", headers={"WWW-Authenticate": 'Bearer realm="pelican"'})
    if auth != "Bearer user-token":
        raise HTTPException(401, detail="token expired", headers={"WWW-Authenticate": 'Bearer realm="pelican", error="invalid_token"'})
    return {"user": "dana", "role": "user"}


@app.get("/api/keys")
def keys(request: Request):
    if not request.headers.get("x-api-key"):
        raise HTTPException(401, detail="missing X-API-Key header")
    return {"keys": []}


@app.get("/api/admin/audit")
def audit(request: Request):
    auth = request.headers.get("authorization", "")
    if auth == "Bearer user-token":
        raise HTTPException(403, detail="role 'user' may not read the audit log")
    if not auth:
        raise HTTPException(401, detail="Not authenticated", headers={"WWW-Authenticate": 'Bearer realm="pelican"'})
    return {"entries": []}


@app.get("/api/search")
def search(request: Request, q: str = ""):
    who = request.headers.get("x-forwarded-for", request.client.host if request.client else "?")
    n = HITS[who] = HITS.get(who, 0) + 1  # a fixed window from the start of the process
    if n > 2:
        return JSONResponse({"detail": "rate limit: 2 searches a minute"}, status_code=429,
                            headers={"Retry-After": str(60 - int(time.time()) % 60), "Cache-Control": "no-store"})
    return JSONResponse({"q": q, "results": []}, headers={"Cache-Control": "no-store"})


@app.get("/api/billing/{rest:path}")
def billing(rest: str):
    if os.path.exists(os.path.join(FLAG_DIR, "maintenance")):
        return JSONResponse({"detail": "billing is in maintenance until 21:30 UTC"}, status_code=503, headers={"Retry-After": "900"})
    return {"invoices": []}


@app.get("/api/v1/items/{item_id}")
def old_item(item_id: int):
    return RedirectResponse(f"/api/items/{item_id}", status_code=301)


@app.get("/api/latest")
def latest():
    return RedirectResponse("/api/items/1", status_code=302)


@app.post("/api/items/{item_id}/archive")
def archive(item_id: int):
    return RedirectResponse(f"/api/archive/items/{item_id}", status_code=307)


@app.post("/api/v1/items")
def old_create():
    return RedirectResponse("/api/items", status_code=308)


@app.get("/api/boom")
def boom():
    raise RuntimeError("ledger cursor lost")


@app.get("/api/slow")
def slow():
    time.sleep(5)
    return {"slow": True}
