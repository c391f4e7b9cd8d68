"""Round 98: the Heron orders API (FastAPI on uvicorn, behind Apache).
`app` is a bare ASGI wrapper: /api/boom raises before FastAPI is called, so
uvicorn writes its own 500; everything else goes to FastAPI."""
import asyncio
from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel

api = FastAPI()

class NewOrder(BaseModel):
    ref: str
    qty: int

@api.get("/api/orders/{oid}")
async def order(oid: int):
    if oid != 1:
        raise HTTPException(404, detail=f"order {oid} not found")
    return {"id": 1, "ref": "HR-1001", "total": "8.20"}

@api.post("/api/orders", status_code=201)
async def create(o: NewOrder):
    return {"id": 2, "ref": o.ref}

@api.get("/api/account")
async def account(authorization: str | None = Header(default=None)):
    if not authorization:
        raise HTTPException(401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return {"user": "ops"}

@api.get("/api/limited")
async def limited():
    return JSONResponse({"detail": "Too many requests"}, status_code=429, headers={"Retry-After": "20"})

@api.get("/api/fail")
async def fail():
    raise KeyError("ledger")

@api.get("/api/old-orders/1")
async def old():
    return RedirectResponse("/api/orders/1", status_code=307)

@api.get("/api/slow")
async def slow(s: float = 5):
    await asyncio.sleep(s)
    return {"slept": s}

@api.get("/api/echo")
async def echo(request: Request):
    return {"headers": len(request.headers)}

async def app(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == "/api/boom":
        raise RuntimeError("boom before any response")
    await api(scope, receive, send)
