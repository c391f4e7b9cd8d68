"""Round-19 corpus: a backend-for-frontend written as an app: FastAPI under
hypercorn (TLS, HTTP/2) that calls the Go orders service with httpx (2 s
timeout) and writes its OWN errors when that service fails (so each of
them is the app's answer, not a proxy's)."""
import httpx
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

ORDERS = "http://127.0.0.1:37020"
REVIEWS = "http://127.0.0.1:37099"  # nothing listens there
app = FastAPI()
client = httpx.AsyncClient(timeout=2.0)


def upstream_error(status, code, service):
    return JSONResponse({"error": code, "service": service, "message": f"the {service} service did not answer"},
                        status_code=status)


async def call(url, service):
    try:
        return await client.get(url)
    except httpx.TimeoutException:
        return upstream_error(504, "upstream_timeout", service)
    except httpx.TransportError:
        return upstream_error(502, "upstream_unavailable", service)


@app.get("/bff/orders/{oid}")
async def order(oid: int):
    r = await call(f"{ORDERS}/api/orders/{oid}", "orders")
    if isinstance(r, JSONResponse):
        return r
    if r.status_code == 404:
        return JSONResponse({"error": "order_not_found", "message": f"no order {oid}"}, status_code=404)
    if r.status_code >= 400:
        return JSONResponse({"error": "bad_upstream_response", "service": "orders", "upstream_status": r.status_code},
                            status_code=502)
    return {"order": r.json(), "links": {"self": f"/bff/orders/{oid}"}}


@app.get("/bff/slow")
async def slow():
    r = await call(f"{ORDERS}/api/slow", "orders")
    return r if isinstance(r, JSONResponse) else r.json()


@app.get("/bff/orders/{oid}/reviews")
async def reviews(oid: int):
    r = await call(f"{REVIEWS}/api/reviews?order={oid}", "reviews")
    return r if isinstance(r, JSONResponse) else r.json()


@app.get("/bff/recommendations")
async def recommendations():
    r = await client.get(f"{REVIEWS}/api/recommendations")  # no handling: FastAPI's 500
    return r.json()


@app.get("/bff/me")
async def me():
    raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})


class CartItem(BaseModel):
    sku: str
    qty: int = Field(gt=0)


@app.post("/bff/cart")
async def cart(item: CartItem):
    return item
