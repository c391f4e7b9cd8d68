"""Round-23 corpus: an API gateway and BFF written by hand on FastAPI + httpx.

Two jobs in one service, as teams often build it:
- /gw/{service}/{path}: forwards the request to a service (orders, a reviews
  service that is not running, a ledger that resets the connection) and
  relays the answer; when the call fails it writes its own JSON 502/504, or
  an HTML page when the client asks for text/html. There it does a proxy's
  job.
- /bff/...: calls the orders service (and reviews) and builds its own
  answer for the web front end; when a call fails it answers 502/503/504
  itself. There it is the app.
Run under uvicorn, httpx timeout 1.5 s (under the fronts' 2 s).
"""
import os

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

ORDERS = os.environ.get("ORDERS_URL", "http://127.0.0.1:41010")
SERVICES = {
    "orders": ORDERS,
    "reviews": "http://127.0.0.1:41019",  # nothing listens there
    "ledger": "http://127.0.0.1:41011",  # resets every connection
}
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date", "te", "upgrade"}

app = FastAPI(title="storefront-gateway")
client = httpx.AsyncClient(timeout=1.5)

PAGE = """<!DOCTYPE html>
<html>
<head><title>{code} {reason}</title></head>
<body>
<h1>{reason}</h1>
<p>The {service} service could not be reached. Please try again in a moment.</p>
<hr><address>storefront-gateway</address>
</body>
</html>
"""


def gateway_error(request, status, reason, code, service, detail):
    if "text/html" in request.headers.get("accept", ""):
        return HTMLResponse(PAGE.format(code=status, reason=reason, service=service), status_code=status)
    return JSONResponse({"error": code, "service": service, "detail": detail}, status_code=status)


@app.api_route("/gw/{service}/{path:path}", methods=["GET", "POST", "PUT", "DELETE"])
async def forward(service: str, path: str, request: Request):
    base = SERVICES.get(service)
    if base is None:
        return JSONResponse({"error": "no_route", "detail": "no service named %r" % service}, status_code=404)
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP | {"host"}}
    try:
        r = await client.request(request.method, "%s/%s" % (base, path), params=request.query_params,
                                 content=await request.body(), headers=headers)
    except httpx.TimeoutException:
        return gateway_error(request, 504, "Gateway Timeout", "upstream_timeout", service,
                             "no answer within 1.5 s")
    except httpx.ConnectError as e:
        return gateway_error(request, 502, "Bad Gateway", "upstream_unreachable", service, str(e) or "connect failed")
    except httpx.HTTPError as e:
        return gateway_error(request, 502, "Bad Gateway", "upstream_error", service, type(e).__name__)
    out = {k: v for k, v in r.headers.items() if k.lower() not in HOP}
    return Response(r.content, status_code=r.status_code, headers=out)


@app.get("/bff/orders/{order_id}")
async def order_page(order_id: int):
    try:
        r = await client.get("%s/api/orders/%d" % (ORDERS, order_id))
    except httpx.TimeoutException:
        return JSONResponse({"message": "Orders are taking too long to load. Try again."}, status_code=504)
    except httpx.HTTPError:
        return JSONResponse({"message": "Orders are unavailable right now."}, status_code=502)
    if r.status_code == 404:
        return JSONResponse({"message": "We could not find that order."}, status_code=404)
    if r.status_code >= 500:
        return JSONResponse({"message": "Orders are unavailable right now.", "upstream_status": r.status_code},
                            status_code=502)
    o = r.json()
    return {"title": "Order #%d" % o["id"], "lines": [o["sku"]], "status": o["status"]}


@app.get("/bff/slow-orders")
async def slow_orders():
    try:
        await client.get("%s/api/slow" % ORDERS)
    except httpx.TimeoutException:
        return JSONResponse({"message": "Orders are taking too long to load. Try again."}, status_code=504)
    return {"ok": True}


@app.get("/bff/dashboard")
async def dashboard():
    r = await client.get("%s/api/catalog" % ORDERS)
    try:
        rv = await client.get("%s/api/reviews" % SERVICES["reviews"])
    except httpx.ConnectError:
        return JSONResponse({"error": "dependency_failed", "dependency": "reviews",
                             "message": "reviews service unavailable"}, status_code=503,
                            headers={"Retry-After": "30"})
    return {"catalog": r.json(), "reviews": rv.json()}


@app.get("/bff/boom")
async def boom():
    r = await client.get("%s/api/ledger" % SERVICES["ledger"])  # ReadError/RemoteProtocolError, unhandled
    return r.json()
