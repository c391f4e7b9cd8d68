"""Round-50 corpus: a payments API on FastAPI, under uvicorn (behind Apache
mod_proxy_http).

FastAPI's own answers (the 422 detail list, {"detail":"Not Found"} for no
route, {"detail":"Method Not Allowed"}), HTTPException with a string or a
dict detail, a 401 with a Bearer challenge, the app's own 429 and 503, an
unhandled bug (Starlette's text 500), and a handler that sleeps 6 s.
"""
import asyncio

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI(title="payments")
PAYMENTS = {1: {"id": 1, "amount": 1999, "currency": "EUR", "state": "captured"}}


class Refund(BaseModel):
    amount: int = Field(gt=0)
    reason: str


@app.get("/api/health")
async def health():
    return {"status": "ok"}


@app.get("/api/payments/{pid}")
async def payment(pid: int):
    if pid not in PAYMENTS:
        raise HTTPException(status_code=404, detail="Payment not found")
    return PAYMENTS[pid]


@app.post("/api/payments/{pid}/refunds")
async def refund(pid: int, body: Refund):
    if body.amount > 1999:
        raise HTTPException(status_code=409, detail={"code": "refund_exceeds_capture",
                                                     "message": "refund is larger than the captured amount"})
    return {"id": 7, "amount": body.amount}


@app.get("/api/payouts")
async def payouts(authorization: str | None = Header(default=None)):
    if not authorization:
        raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    raise HTTPException(status_code=403, detail="Not enough permissions")


@app.get("/api/exports")
async def exports():
    return JSONResponse({"detail": "Too many export requests, retry later"}, status_code=429,
                        headers={"Retry-After": "30"})


@app.get("/api/settlements")
async def settlements():
    return JSONResponse({"detail": "Settlement provider unavailable"}, status_code=503,
                        headers={"Retry-After": "120"})


@app.get("/api/boom")
async def boom():
    return {"fee": PAYMENTS[1]["fee"]}  # a real bug: KeyError


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(6)
    return {"done": True}
