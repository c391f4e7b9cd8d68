"""Round 173 additions (to apps162/fastapi_app.py): JSON 500 handler (no stack trace), /healthz
(503 while inventory-down), 308 from /api/v1/orders/{id}, 409 on PUT status, FastAPI's 422 for a bad POST body.
Round 182 (apps173 copy, payments-gateway port moved to 62999; was: apps151 copy, payments-gateway port moved to 61999): "Gorse" orders API in FastAPI (uvicorn). Same incidents and flag
files as flask_app.py ($STATE_DIR)."""
import asyncio, os
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, HTMLResponse, Response

app = FastAPI()


@app.exception_handler(Exception)
async def internal(request: Request, exc: Exception):  # round 173: the team's JSON 500, no stack trace
    return JSONResponse({"detail": "Internal server error", "request_id": request.headers.get("x-request-id")}, 500)

STATE = os.environ.get("STATE_DIR", "/tmp")
flag = lambda n: os.path.exists(os.path.join(STATE, n))


@app.get("/api/orders/{oid}")
async def order(oid: int, request: Request):
    if flag("deploy-v2"):
        raise RuntimeError("column orders.currency_code does not exist")  # a bad deploy
    if oid != 1:
        return JSONResponse({"detail": f"Order {oid} not found"}, 404)
    etag = '"gorse-o1-v3"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return JSONResponse({"id": 1, "status": "paid", "total": 19.5}, headers={"ETag": etag})


from pydantic import BaseModel


class NewOrder(BaseModel):
    items: list[str]
    quantity: int


@app.get("/healthz")
async def healthz():
    if flag("inventory-down"):
        return JSONResponse({"status": "degraded", "inventory_db": "unreachable"}, 503)
    return {"status": "ok", "inventory_db": "ok"}


@app.get("/api/v1/orders/{oid}")
async def old_order(oid: int):
    from fastapi.responses import RedirectResponse
    return RedirectResponse(f"/api/orders/{oid}", 308)


@app.put("/api/orders/{oid}/status")
async def set_status(oid: int):
    return JSONResponse({"detail": f"Order {oid} was modified by another request (version 4 != 3)"}, 409)


@app.post("/api/orders", status_code=201)
async def create(body: NewOrder):
    return JSONResponse({"id": 2, "status": "created"}, 201, headers={"Location": "/api/orders/2"})


@app.delete("/api/orders/{oid}", status_code=204)
async def delete(oid: int):
    return Response(status_code=204)


@app.get("/api/invoices/{iid}")
async def invoice(iid: int):
    if flag("deploy-v2"):
        return JSONResponse({"detail": "Not Found"}, 404)
    return {"id": iid, "amount": 19.5}


@app.get("/api/payments")
async def payments():
    try:
        _, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", 62999), 1)
        w.close()
    except OSError as e:
        return JSONResponse({"detail": f"payments-gateway unreachable: {e.strerror}"}, 502)
    return {"ok": True}


@app.get("/api/inventory")
async def inventory():
    if flag("inventory-down"):
        return JSONResponse({"detail": "inventory-db unavailable: connection pool exhausted (0/20 free)"}, 503, headers={"Retry-After": "30"})
    return {"sku": "GO-7", "on_hand": 3}


@app.get("/api/search")
async def search():
    if flag("search-slow"):
        return HTMLResponse("<html><head><title>504 Gateway Timeout</title></head><body><h1>504 Gateway Timeout</h1>"
                            "<p>elasticsearch (search-1:9200) did not answer in time.</p></body></html>\n", 504)
    return {"results": [], "total": 0}


@app.get("/api/me")
async def me(request: Request):
    auth = request.headers.get("authorization", "")
    if auth != "Bearer key2-token" and (flag("keys-rotated") or auth != "Bearer key1-token"):
        return JSONResponse({"detail": "Could not validate credentials: token expired"}, 401,
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token", error_description="The access token expired"'})
    return {"sub": "u-77", "name": "Gorse ops"}


@app.get("/api/quota")
async def quota():
    if flag("quota"):
        return JSONResponse({"detail": "Rate limit exceeded: 100 per 1 minute"}, 429, headers={"Retry-After": "60"})
    return {"remaining": 88}


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True}
