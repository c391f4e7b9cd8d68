"""Round-30 corpus: the orders API on FastAPI with slowapi for rate limits
("3/minute" on search, headers on). Pydantic answers 422 for bad input."""
from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel, Field
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address
from starlette.responses import JSONResponse

limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


class Order(BaseModel):
    sku: str = Field(min_length=1, max_length=32)
    qty: int = Field(gt=0, le=100)
    note: str = ""


@app.get("/api/health")
def health():
    return {"status": "ok"}


@app.get("/api/orders/{oid}")
def get_order(oid: int):
    if oid != 1:
        raise HTTPException(status_code=404, detail="Order not found")
    return {"id": 1, "sku": "A-1", "qty": 2}


@app.post("/api/orders", status_code=201)
def create_order(order: Order):
    return {"id": 2, **order.model_dump()}


@app.get("/api/search")
@limiter.limit("3/minute")
def search(request: Request, q: str = "", limit: int = 10):
    return JSONResponse({"q": q, "limit": limit, "results": []})


@app.get("/api/slow")
def slow():
    import time
    time.sleep(3)
    return {"done": True}
