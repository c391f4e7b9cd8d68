"""Round-45 corpus: the orders API on Litestar (run under uvicorn, debug off).

  uvicorn --host 127.0.0.1 --port PORT litestar_app:app

Routes as in every round-45 app: GET /api/orders/{id} (1 exists, others are
the handler's 404), POST /api/orders (msgspec validation: Litestar's 400),
GET /api/search, GET /api/admin/reports (401 without a token, 403 with a
user token), POST /api/orders/{id}/cancel (409), /api/limited (429),
/api/boom (an uncaught exception: Litestar's 500), /api/maintenance (503),
/api/slow (5 s), POST /api/upload. DELETE on /api/orders/{id} is
Litestar's own 405.
"""

import asyncio
from typing import Annotated

import msgspec
from litestar import Litestar, Request, Response, get, post
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException


class NewOrder(msgspec.Struct):
    sku: str
    qty: Annotated[int, msgspec.Meta(ge=1)]


ORDER = {"id": 1, "sku": "A-1", "qty": 2, "status": "paid"}


@get("/api/health")
async def health() -> dict:
    return {"status": "ok"}


@get("/api/orders/{oid:int}")
async def order(oid: int) -> dict:
    if oid != 1:
        raise NotFoundException(f"order {oid} not found")
    return ORDER


@post("/api/orders")
async def create(data: NewOrder) -> Response:
    return Response({"id": 2, "sku": data.sku, "qty": data.qty, "status": "pending"}, status_code=201,
                    headers={"Location": "/api/orders/2"})


@get("/api/admin/reports")
async def reports(request: Request) -> dict:
    auth = request.headers.get("authorization", "")
    if not auth.startswith("Bearer "):
        raise NotAuthorizedException("a bearer token is required")
    if auth != "Bearer admin-token":
        raise PermissionDeniedException("reports:read scope required")
    return {"reports": []}


@post("/api/orders/{oid:int}/cancel")
async def cancel(oid: int) -> Response:
    return Response({"error": "conflict", "message": f"order {oid} has already shipped"}, status_code=409)


@get("/api/limited")
async def limited() -> Response:
    return Response({"error": "rate_limited", "message": "too many requests, retry in 30 s"},
                    status_code=429, headers={"Retry-After": "30"})


@get("/api/boom")
async def boom() -> dict:
    totals = {}
    return {"total": totals["EUR"]}  # KeyError: not handled


@get("/api/maintenance")
async def maintenance() -> Response:
    return Response({"error": "maintenance", "message": "orders are read-only during the migration"},
                    status_code=503, headers={"Retry-After": "120"})


@get("/api/slow")
async def slow() -> dict:
    await asyncio.sleep(5)
    return {"status": "late"}


@get("/api/search")
async def search(q: str = "") -> dict:
    return {"query": q, "results": [ORDER]}


@post("/api/upload")
async def upload(request: Request) -> dict:
    body = await request.body()
    return {"received": len(body)}


app = Litestar([health, order, create, reports, cancel, limited, boom, maintenance, slow, search, upload],
               debug=False, request_max_body_size=10 * 1024 * 1024)
