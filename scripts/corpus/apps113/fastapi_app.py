"""Round 113: round 112's FastAPI app (Quayside) with three HTML error pages of its own
(/api/payments 502, /api/statements 503, /api/reports 504, no-store), run on
gunicorn with uvicorn workers.

Round 112: a small FastAPI API (Quayside parcels) for Squid, run by uvicorn.
/api/parcels/1 public max-age=300 with ETag + Last-Modified; parcel 9's JSON
404 public max-age=120; /api/rates public max-age=2; the rest no-store."""
import asyncio
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

LM = "Mon, 02 Jun 2025 08:00:00 GMT"
app = FastAPI()


def fail(status, code, message, age=0, extra=None):
    h = {"Cache-Control": f"public, max-age={age}" if age else "no-store"}
    h.update(extra or {})
    return JSONResponse({"detail": {"status": status, "code": code, "message": message}}, status_code=status, headers=h)


@app.get("/api/parcels/{pid}")
async def parcel(pid: str):
    if not pid.isdigit():
        return fail(400, "BAD_REQUEST", "parcel id must be a number")
    if pid == "1":
        return JSONResponse({"id": 1, "carrier": "DPD", "weight_kg": 2.4},
                            headers={"Cache-Control": "public, max-age=300", "ETag": '"qs-p1-v4"', "Last-Modified": LM})
    return fail(404, "NOT_FOUND", f"parcel {pid} not found", 120 if pid == "9" else 0)


@app.get("/api/rates")
async def rates():
    return JSONResponse({"zone": "EU", "per_kg": "3.10"},
                        headers={"Cache-Control": "public, max-age=2", "ETag": '"qs-rates-v7"', "Last-Modified": LM})


@app.get("/api/me")
async def me():
    return fail(401, "UNAUTHORIZED", "missing or invalid bearer token", extra={"WWW-Authenticate": 'Bearer realm="quayside"'})


@app.get("/api/boom")
async def boom():
    try:
        {}["route"]
    except KeyError as e:
        return fail(500, "INTERNAL", f"KeyError: {e}")


@app.get("/api/slow")
async def slow():
    await asyncio.sleep(5)
    return {"ok": True, "waited": 5}


@app.get("/healthz")
async def healthz():
    return JSONResponse({"ok": True}, headers={"Cache-Control": "no-store"})


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason}</title></head>
<body><h1>{reason}</h1><p>{text}</p><hr><small>Quayside</small></body></html>
"""


def page(code, reason, text):
    return HTMLResponse(PAGE.format(code=code, reason=reason, text=text), status_code=code, headers={"Cache-Control": "no-store"})


@app.get("/api/payments")
async def payments():
    return page(502, "Bad Gateway", "The payment provider did not answer.")


@app.get("/api/statements")
async def statements():
    return page(503, "Service Unavailable", "Statements are being rebuilt. Try again later.")


@app.get("/api/reports")
async def reports():
    return page(504, "Gateway Timeout", "The reporting warehouse did not answer in time.")
