"""Round 130: round 108's Quillon orders API (apps108/fastapi_app.py) written
against plain Starlette (no FastAPI), served as ASGI by Granian (behind nginx)
and by Hypercorn (behind Caddy).

Errors are the app's {"detail": ...} JSON; an unrouted path gets Starlette's
plain-text "Not Found"; a POST to a GET-only route Starlette's plain-text 405;
an unhandled error Starlette's plain "Internal Server Error" (debug off). Three
HTML error pages of its own: /api/payments 502, /api/statements 503,
/api/reports 504 (no-store). /api/rates is public max-age=2 with an ETag.
"""
import asyncio

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

ORDERS = {1: {"id": 1, "ref": "QN-1001", "total": "99.90", "currency": "USD", "status": "paid"}}


def detail(status, text, headers=None):
    return JSONResponse({"detail": text}, status_code=status, headers=headers)


async def order(request):
    oid = request.path_params["oid"]
    if not oid.isdigit():
        return detail(400, "Order id must be a number")
    if int(oid) not in ORDERS:
        return detail(404, "Order not found")
    return JSONResponse(ORDERS[int(oid)], headers={"Cache-Control": "public, max-age=300", "ETag": '"qn-order-1-v3"'})


async def account(request):
    return detail(401, "Not authenticated", {"WWW-Authenticate": "Bearer"})


async def quota(request):
    return detail(429, "Rate limit exceeded: 100 per 1 minute", {"Retry-After": "30"})


async def maintenance(request):
    return detail(503, "Orders are read-only during the nightly export", {"Retry-After": "600"})


async def latest(request):
    return RedirectResponse("/api/orders/1")


async def rates(request):
    return JSONResponse({"usd_eur": "0.92"}, headers={"Cache-Control": "public, max-age=2", "ETag": '"qn-rates-v7"'})


async def boom(request):
    raise RuntimeError("ledger total mismatch")


async def slow(request):
    await asyncio.sleep(5)
    return JSONResponse({"ok": True, "waited": 5})


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason}</title></head>
<body><h1>{reason}</h1><p>{text}</p><hr><small>Quillon</small></body></html>
"""


def page(code, reason, text):
    return HTMLResponse(PAGE.format(code=code, reason=reason, text=text), status_code=code, headers={"Cache-Control": "no-store"})


async def payments(request):
    return page(502, "Bad Gateway", "The payment provider did not answer.")


async def statements(request):
    return page(503, "Service Unavailable", "Statements are being rebuilt.")


async def reports(request):
    return page(504, "Gateway Timeout", "The reporting warehouse did not answer in time.")


app = Starlette(routes=[
    Route("/api/orders/{oid}", order), Route("/api/account", account), Route("/api/quota", quota),
    Route("/api/maintenance", maintenance), Route("/api/latest", latest), Route("/api/rates", rates),
    Route("/api/boom", boom), Route("/api/slow", slow), Route("/api/payments", payments),
    Route("/api/statements", statements), Route("/api/reports", reports),
])
