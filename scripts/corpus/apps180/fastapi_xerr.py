"""Round 180: the Oxley bookings API on FastAPI (uvicorn). The team's
exception handlers (HTTPException, RequestValidationError, a BookingError of
its own, Exception) answer {"error": {"code", "message"}, "request_id"} and
set their own X-Error-Code header. Its own dependency errors: /api/payments
502 (PAYMENT_PROVIDER_UNAVAILABLE), /api/availability 503 (DATABASE_UNAVAILABLE,
Retry-After), /api/search 504 (SEARCH_TIMEOUT). /api/boom raises; /api/slow
takes 6 s."""
import asyncio

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
BOOKINGS = {1: {"id": 1, "guest": "R. Oxley", "nights": 2}}


class BookingError(Exception):
    def __init__(self, status, code, message, headers=None):
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def envelope(request, status, code, message, headers=None):
    h = {"X-Error-Code": code}
    h.update(headers or {})
    return JSONResponse({"error": {"code": code, "message": message},
                         "request_id": request.headers.get("x-request-id", "-")}, status_code=status, headers=h)


@app.exception_handler(BookingError)
async def booking_error(request: Request, exc: BookingError):
    return envelope(request, exc.status, exc.code, exc.message, exc.headers)


@app.exception_handler(StarletteHTTPException)
async def http_error(request: Request, exc: StarletteHTTPException):
    codes = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
    return envelope(request, exc.status_code, codes.get(exc.status_code, f"HTTP_{exc.status_code}"), str(exc.detail))


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError):
    first = exc.errors()[0]
    return envelope(request, 422, "VALIDATION_FAILED", f"{'.'.join(map(str, first['loc']))}: {first['msg']}")


@app.exception_handler(Exception)
async def any_error(request: Request, exc: Exception):
    return envelope(request, 500, "INTERNAL_ERROR", "something went wrong on our side")


class Booking(BaseModel):
    guest: str
    nights: int


@app.get("/api/bookings/{bid}")
async def one(bid: int):
    if bid not in BOOKINGS:
        raise BookingError(404, "BOOKING_NOT_FOUND", f"booking {bid} does not exist")
    return BOOKINGS[bid]


@app.post("/api/bookings", status_code=201)
async def create(b: Booking):
    return {"id": 2, **b.model_dump()}


@app.get("/api/payments")
async def payments():
    raise BookingError(502, "PAYMENT_PROVIDER_UNAVAILABLE", "the payment provider returned an invalid response")


@app.get("/api/availability")
async def availability():
    raise BookingError(503, "DATABASE_UNAVAILABLE", "the bookings database is not accepting connections",
                       {"Retry-After": "20"})


@app.get("/api/search")
async def search():
    raise BookingError(504, "SEARCH_TIMEOUT", "the search cluster timed out after 2000 ms")


@app.get("/api/boom")
async def boom():
    raise RuntimeError("nights must be positive")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(6)
    return {"slow": True}
