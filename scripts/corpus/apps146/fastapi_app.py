"""Round 146: the Wrenfield shipments API on FastAPI (uvicorn), its exception
handlers customised to RFC 9457 application/problem+json (type, title,
status, detail, instance, request_id: the front's X-Request-ID echoed) for
HTTPException, RequestValidationError and unhandled exceptions. The app
answers its own 502 (the carrier API refused: problem+json), 503
(maintenance: HTML page, Retry-After) and 504 (the rates service timed out:
problem+json); /api/boom raises; /api/slow takes 6 s."""
import asyncio

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 422: "Unprocessable Content",
          500: "Internal Server Error", 502: "Bad Gateway", 504: "Gateway Timeout"}


def problem(request, status, slug, detail, headers=None):
    return JSONResponse({"type": f"https://errors.wrenfield.test/{slug}", "title": TITLES.get(status, "Error"),
                         "status": status, "detail": detail, "instance": request.url.path,
                         "request_id": request.headers.get("x-request-id", "-")},
                        status_code=status, media_type="application/problem+json", headers=headers)


@app.exception_handler(StarletteHTTPException)
async def http_exc(request: Request, exc: StarletteHTTPException):
    return problem(request, exc.status_code, "http-%d" % exc.status_code, str(exc.detail), getattr(exc, "headers", None))


@app.exception_handler(RequestValidationError)
async def invalid(request: Request, exc: RequestValidationError):
    first = exc.errors()[0]
    return problem(request, 422, "validation", "%s: %s" % (".".join(str(p) for p in first["loc"]), first["msg"]))


@app.exception_handler(Exception)
async def crash(request: Request, exc: Exception):
    return problem(request, 500, "internal", "An unexpected error occurred; it has been logged.")


class NewShipment(BaseModel):
    parcel: str
    weight_kg: float


@app.get("/api/shipments/{sid}")
async def shipment(sid: int, request: Request):
    if sid == 1:
        return {"id": 1, "parcel": "WF-0001", "state": "in_transit"}
    return problem(request, 404, "shipment-not-found", f"Shipment {sid} does not exist.")


@app.post("/api/shipments", status_code=201)
async def create(body: NewShipment):
    return {"id": 2, "parcel": body.parcel}


@app.get("/api/labels")
async def labels(request: Request):
    return problem(request, 502, "carrier-refused", "The carrier API refused the connection.")


@app.get("/api/rates")
async def rates(request: Request):
    return problem(request, 504, "rates-timeout", "The rates service did not answer within 3 s.")


@app.get("/api/maintenance")
async def maintenance(request: Request):
    rid = request.headers.get("x-request-id", "-")
    return HTMLResponse("<!DOCTYPE html>\n<html><head><title>Wrenfield is under maintenance</title></head>\n"
                        "<body><h1>We'll be right back</h1><p>Shipments are paused while we upgrade. "
                        f"Request {rid}.</p></body></html>\n", status_code=503, headers={"Retry-After": "900"})


@app.get("/api/boom")
async def boom():
    raise ValueError("weight conversion failed")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(6)
    return {"slow": True}
