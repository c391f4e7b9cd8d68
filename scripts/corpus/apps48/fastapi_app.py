"""Round-48 corpus: the orders API on FastAPI, served by uvicorn.

Starlette's CORSMiddleware (one allowed origin) and TrustedHostMiddleware
(the public names only), a WebSocket route that refuses a handshake without
the right token (uvicorn then answers 403), and a small middleware that
sends plain-HTTP requests (X-Forwarded-Proto: http, from a trusted front)
to https with a 308.
"""
from fastapi import FastAPI, HTTPException, Request, WebSocket
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import JSONResponse, RedirectResponse

app = FastAPI(title="orders")
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.test"],
    allow_methods=["GET", "POST"],
    allow_headers=["Authorization", "Content-Type"],
)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.test", "127.0.0.1", "localhost"])


@app.middleware("http")
async def https_only(request: Request, call_next):
    if request.headers.get("x-forwarded-proto") == "http":
        url = request.url.replace(scheme="https", port=None)
        return RedirectResponse(str(url), status_code=308)
    return await call_next(request)


ORDERS = {1: {"id": 1, "sku": "A-1", "status": "shipped"}}


@app.get("/api/health")
async def health():
    return {"status": "ok"}


@app.get("/api/orders/{order_id}")
async def get_order(order_id: int):
    if order_id not in ORDERS:
        raise HTTPException(status_code=404, detail=f"Order {order_id} not found")
    return ORDERS[order_id]


@app.post("/api/orders", status_code=201)
async def create_order(order: dict):
    return {"id": 2, **order}


@app.get("/account")
async def account(request: Request):
    if request.cookies.get("session") != "valid":
        # Starlette's RedirectResponse defaults to 307
        return RedirectResponse(url="/login?next=/account")
    return {"user": "ada"}


@app.get("/api/me")
async def me(request: Request):
    token = request.cookies.get("session")
    if token is None:
        return JSONResponse({"detail": "Not authenticated"}, status_code=401)
    if token != "valid":
        return JSONResponse({"detail": "Session expired"}, status_code=401,
                            headers={"WWW-Authenticate": 'Cookie realm="orders"'})
    return {"user": "ada"}


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    if websocket.query_params.get("token") != "good":
        await websocket.close(code=1008)  # before accept: uvicorn answers 403
        return
    await websocket.accept()
    await websocket.send_json({"hello": "orders"})
    await websocket.close()
