"""Round 140: one Litestar 2 app ("Larkspur") with the routes of round 130's
two apps: round 130's orders API (apps130/starlette_app.py) and round 113's
Kestrel tickets (apps113/django_app.py), written against Litestar. Served as
ASGI by Granian (behind nginx, Caddy and Varnish) and by Hypercorn (behind
Apache, HAProxy and Squid).

Errors the views return are {"detail": ...} JSON; an unrouted path, a POST to
a GET-only route and an unhandled error get Litestar's own JSON
({"status_code": N, "detail": ...}, debug off). Three HTML error pages of its
own: /api/payments 502, /api/statements 503, /api/reports 504 (no-store).
/api/tickets/1 public max-age=300 with ETag + Last-Modified; ticket 9's 404
public max-age=120; /api/rates public max-age=2. No request id of its own.
"""
import asyncio

from litestar import Litestar, MediaType, Response, get
from litestar.response import Redirect

LM = "Mon, 02 Jun 2025 08:00:00 GMT"
ORDERS = {1: {"id": 1, "ref": "LK-1001", "total": "42.50", "currency": "GBP", "status": "paid"}}


def detail(status, text, headers=None, age=0):
    h = {"Cache-Control": f"public, max-age={age}" if age else "no-store"}
    h.update(headers or {})
    return Response({"detail": text}, status_code=status, headers=h, media_type=MediaType.JSON)


@get("/api/orders/{oid:str}")
async def order(oid: str) -> Response:
    if not oid.isdigit():
        return detail(400, "Order id must be a number")
    if int(oid) not in ORDERS:
        return detail(404, "Order not found")
    return Response(ORDERS[int(oid)], headers={"Cache-Control": "public, max-age=300", "ETag": '"lk-order-1-v3"'})


@get("/api/tickets/{tid:str}")
async def ticket(tid: str) -> Response:
    if not tid.isdigit():
        return detail(400, "ticket id must be a number")
    if tid == "1":
        return Response({"id": 1, "subject": "Printer on 4th floor", "state": "open"},
                        headers={"Cache-Control": "public, max-age=300", "ETag": '"kt-t1-v4"', "Last-Modified": LM})
    return detail(404, f"ticket {tid} not found", age=120 if tid == "9" else 0)


@get("/api/rates")
async def rates() -> Response:
    return Response({"usd_gbp": "0.79"}, headers={"Cache-Control": "public, max-age=2", "ETag": '"lk-rates-v7"', "Last-Modified": LM})


@get("/api/account")
async def account() -> Response:
    return detail(401, "Not authenticated", {"WWW-Authenticate": 'Bearer realm="larkspur"'})


@get("/api/quota")
async def quota() -> Response:
    return detail(429, "Rate limit exceeded: 100 per 1 minute", {"Retry-After": "30"})


@get("/api/maintenance")
async def maintenance() -> Response:
    return detail(503, "Orders are read-only during the nightly export", {"Retry-After": "600"})


@get("/api/latest")
async def latest() -> Redirect:
    return Redirect("/api/orders/1")


@get("/api/boom")
async def boom() -> dict:
    raise RuntimeError("ledger total mismatch")


@get("/api/slow")
async def slow() -> dict:
    await asyncio.sleep(5)
    return {"ok": True, "waited": 5}


PAGE = """<!DOCTYPE html>
<html><head><title>{code} {reason}</title></head>
<body><h1>{reason}</h1><p>{text}</p><hr><small>Larkspur</small></body></html>
"""


def page(code, reason, text):
    return Response(PAGE.format(code=code, reason=reason, text=text), status_code=code,
                    media_type=MediaType.HTML, headers={"Cache-Control": "no-store"})


@get("/api/payments")
async def payments() -> Response:
    return page(502, "Bad Gateway", "The payment provider did not answer.")


@get("/api/statements")
async def statements() -> Response:
    return page(503, "Service Unavailable", "Statements are being rebuilt.")


@get("/api/reports")
async def reports() -> Response:
    return page(504, "Gateway Timeout", "The reporting warehouse did not answer in time.")


app = Litestar(route_handlers=[order, ticket, rates, account, quota, maintenance, latest, boom, slow,
                               payments, statements, reports], debug=False)
