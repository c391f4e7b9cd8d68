"""Round 178 (round 163's app, with its own HTML 502/503/504 pages added): "Saltcote" orders API in FastAPI 0.165 (uvicorn). Same routes and answers as
flask_app.py (the app's own 200/304/201/204/400/401/403/404/409/422/429, an unhandled error on
/api/boom: uvicorn/Starlette's text 500; unrouted paths: FastAPI's {"detail":"Not Found"}); while
$STATE_DIR/maint exists, the app's own JSON 503 with Retry-After."""
import asyncio, json, os
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

STATE = os.environ.get("STATE_DIR", "/tmp")
app = FastAPI()


@app.middleware("http")
async def maintenance(request: Request, call_next):
    if os.path.exists(os.path.join(STATE, "maint")):
        return JSONResponse({"detail": "Saltcote is in maintenance mode (schema migration)"}, 503, {"Retry-After": "300"})
    return await call_next(request)


@app.get("/api/orders/{oid}")
async def order(oid: int, request: Request):
    if oid != 1:
        return JSONResponse({"detail": f"order {oid} not found"}, 404)
    if request.headers.get("if-none-match") == '"sc-o1-v4"':
        return Response(status_code=304, headers={"ETag": '"sc-o1-v4"'})
    return JSONResponse({"id": 1, "status": "shipped", "total": 42.5}, headers={"ETag": '"sc-o1-v4"'})


@app.post("/api/orders")
async def create(request: Request):
    try:
        body = json.loads(await request.body() or b"")
    except ValueError:
        return JSONResponse({"detail": "request body is not valid JSON"}, 400)
    if not isinstance(body, dict) or "sku" not in body:
        return JSONResponse({"detail": [{"loc": ["body", "sku"], "msg": "Field required", "type": "missing"}]}, 422)
    if body["sku"] == "DUP-1":
        return JSONResponse({"detail": "an order for sku DUP-1 already exists (id 1)"}, 409)
    return JSONResponse({"id": 2, "status": "created"}, 201, {"Location": "/api/orders/2"})


@app.delete("/api/orders/{oid}")
async def delete(oid: int):
    return Response(status_code=204)


@app.get("/api/me")
async def me(request: Request):
    if request.headers.get("authorization") != "Bearer good-token":
        return JSONResponse({"detail": "Not authenticated"}, 401,
                            {"WWW-Authenticate": 'Bearer realm="saltcote", error="invalid_token"'})
    return {"sub": "u-7"}


@app.get("/api/admin/users")
async def admin():
    return JSONResponse({"detail": "role 'viewer' may not list users"}, 403)


@app.get("/api/quota")
async def quota():
    return JSONResponse({"detail": "60 requests per minute exceeded"}, 429, {"Retry-After": "42"})


@app.get("/api/boom")
async def boom():
    raise KeyError("customer_id")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True}


@app.get('/api/payments')
async def html_502():
    return HTMLResponse('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>Saltcote: the payments provider did not answer</p></body></html>\n', 502)


@app.get('/api/statements')
async def html_503():
    return HTMLResponse('<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Saltcote: statements are being regenerated, try again later</p></body></html>\n', 503)


@app.get('/api/reports')
async def html_504():
    return HTMLResponse('<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1><p>Saltcote: the reporting warehouse timed out</p></body></html>\n', 504)
