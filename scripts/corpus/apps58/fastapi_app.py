"""Round-58 corpus (copied from round 55, two routes added): the Ledgerly invoices API on FastAPI, served by
Hypercorn. The same routes in every app of this round:

  GET  /api/invoices/1     200 JSON            GET /api/invoices/9   404 JSON
  GET  /api/account        401 JSON (Bearer)   GET /api/admin        403 JSON
  POST /api/invoices       201 JSON for a new ref, 409 JSON for an existing
                           one (LG-1001), 422 JSON when "ref" is missing
  GET  /api/quota          429 JSON, Retry-After
  GET  /api/maintenance    503 JSON, Retry-After
  GET  /api/payments       the app's own HTML 502 page
  GET  /api/statements     the app's own HTML 503 page
  GET  /api/bank           the app's own HTML 504 page
  GET  /api/boom           an unhandled exception (the framework's 500)
  GET  /api/slow           sleeps 5 s, then 200
  GET  /healthz            200 text
  GET  /api/drain          503 with no body at all (round 58)
  POST /api/upload         413 JSON, the app's own size check (round 58)
No app sets a request id.
"""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fastapi import FastAPI  # noqa: E402
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response  # noqa: E402
from pydantic import BaseModel  # noqa: E402
from upstream_pages import page  # noqa: E402

app = FastAPI(title="ledgerly", docs_url=None, redoc_url=None, openapi_url=None)
INVOICES = {1: {"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"}}


class NewInvoice(BaseModel):
    ref: str
    total: float = 0


def err(status, code, message, **headers):
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


@app.get("/api/invoices/{iid}")
async def invoice(iid: int):
    if iid in INVOICES:
        return INVOICES[iid]
    return err(404, "invoice_not_found", "no invoice %d" % iid)


@app.post("/api/invoices", status_code=201)
async def create(body: NewInvoice):
    if body.ref == "LG-1001":
        return err(409, "duplicate_ref", "an invoice with ref %s already exists" % body.ref)
    return {"id": 2, "ref": body.ref, "status": "draft"}


@app.get("/api/account")
async def account():
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="ledgerly"'})


@app.get("/api/admin")
async def admin():
    return err(403, "forbidden", "your role may not open the admin area")


@app.get("/api/quota")
async def quota():
    return err(429, "rate_limited", "100 requests per minute per key", **{"Retry-After": "30"})


@app.get("/api/maintenance")
async def maintenance():
    return err(503, "maintenance", "invoices are read-only during the ledger migration", **{"Retry-After": "120"})


@app.get("/api/payments")
async def payments():
    return HTMLResponse(page(502), status_code=502)


@app.get("/api/statements")
async def statements():
    return HTMLResponse(page(503), status_code=503)


@app.get("/api/bank")
async def bank():
    return HTMLResponse(page(504), status_code=504)


@app.get("/api/boom")
async def boom():
    return {"total": 1 / 0}


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"slow": True}


@app.get("/api/drain")
async def drain():
    return Response(status_code=503)


@app.post("/api/upload")
async def upload():
    return err(413, "payload_too_large", "attachments are limited to 512 bytes")


@app.get("/healthz")
async def healthz():
    return PlainTextResponse("ok")
