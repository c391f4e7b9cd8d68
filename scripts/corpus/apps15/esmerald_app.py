"""Round-15 corpus: the orders API on Esmerald 3, as a team writes it.

Served by uvicorn: uvicorn esmerald_app:app
Pydantic models validate the input (Esmerald's 400), NotFound,
NotAuthorized, PermissionDenied and HTTPException for the rest.
"""
import asyncio

from esmerald import Esmerald, Gateway, Request, get, post
from esmerald.exceptions import HTTPException, NotAuthorized, NotFound, PermissionDenied
from esmerald.responses import JSONResponse
from pydantic import BaseModel, Field


class OrderIn(BaseModel):
    sku: str = Field(min_length=1, max_length=32)
    qty: int = Field(ge=1)


@get("/api/health")
async def health() -> dict:
    return {"status": "ok"}


@get("/api/orders/{order_id:int}")
async def get_order(order_id: int) -> dict:
    if order_id != 1:
        raise NotFound(detail=f"Order {order_id} not found")
    return {"id": 1, "sku": "A-1", "qty": 2}


@post("/api/orders", status_code=201)
async def create_order(data: OrderIn) -> dict:
    return {"id": 2, **data.model_dump()}


@post("/api/orders/{order_id:int}/cancel")
async def cancel_order(order_id: int) -> JSONResponse:
    return JSONResponse({"detail": "Order already shipped", "code": "ORDER_SHIPPED"}, status_code=409)


@get("/api/admin/reports")
async def reports(request: Request) -> dict:
    if "authorization" not in request.headers:
        raise NotAuthorized(detail="Missing bearer token")
    raise PermissionDenied(detail="Token lacks the reports:read scope")


@get("/api/limited")
async def limited() -> dict:
    raise HTTPException(status_code=429, detail="Too many requests", headers={"Retry-After": "20"})


@get("/api/boom")
async def boom() -> dict:
    order = None
    return {"total": order["qty"] * 3}  # TypeError: a real bug


@get("/api/maintenance")
async def maintenance() -> JSONResponse:
    return JSONResponse({"detail": "Down for maintenance"}, status_code=503, headers={"Retry-After": "300"})


@get("/api/inventory")
async def inventory() -> JSONResponse:
    await asyncio.sleep(1)  # the stock service did not answer within 1 s
    return JSONResponse({"detail": "Inventory service timed out", "code": "UPSTREAM_TIMEOUT"}, status_code=504)


@get("/api/slow")
async def slow() -> dict:
    await asyncio.sleep(5)
    return {"status": "late"}


app = Esmerald(
    routes=[Gateway(handler=h) for h in (health, get_order, create_order, cancel_order, reports,
                                          limited, boom, maintenance, inventory, slow)],
    debug=False,
)
