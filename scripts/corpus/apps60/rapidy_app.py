"""Round-60 corpus: the Tidemark loans API (round 56's routes) on rAPIdy,
an aiohttp-based framework, run by aiohttp's own server (rapidy.run_app).

  GET  /api/loans/1         200 JSON            GET /api/loans/9      404 JSON
  GET  /api/account         401 JSON (Bearer)   GET /api/admin        403 JSON
  POST /api/loans           409 JSON (a duplicate reference), 422 JSON when
                            the body has no "ref"
  GET  /api/quota           429 JSON, Retry-After
  GET  /api/maintenance     503 JSON, Retry-After
  GET  /api/payments        the app's own HTML 502 page
  GET  /api/search          the app's own HTML 503 page
  GET  /api/courier         the app's own HTML 504 page
  GET  /api/boom            an unhandled exception (aiohttp's 500)
  GET  /api/slow            sleeps 5 s, then 200
  GET  /healthz             200 text

usage: rapidy_app.py PORT
"""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rapidy import Rapidy, run_app  # noqa: E402
from rapidy import web  # noqa: E402
from upstream_pages import page  # noqa: E402

LOANS = {1: {"id": 1, "ref": "TM-2001", "status": "on_loan", "items": 2}}


def err(status, code, message, **headers):
    return web.Response({"error": code, "message": message}, status=status, headers=headers or None,
                        content_type="application/json")


async def loan(request: web.Request):
    lid = int(request.match_info["lid"])
    if lid in LOANS:
        return web.Response(LOANS[lid], content_type="application/json")
    return err(404, "loan_not_found", "no loan %d" % lid)


async def create(request: web.Request):
    try:
        data = await request.json()
    except Exception:
        data = None
    if not isinstance(data, dict) or "ref" not in data:
        return err(422, "validation_failed", "field 'ref' is required")
    return err(409, "duplicate_ref", "a loan with ref %s already exists" % data["ref"])


async def account(request: web.Request):
    return err(401, "unauthorized", "a bearer token is required", **{"WWW-Authenticate": 'Bearer realm="tidemark"'})


async def admin(request: web.Request):
    return err(403, "forbidden", "your role may not open the admin area")


async def quota(request: web.Request):
    return err(429, "rate_limited", "120 requests per minute per key", **{"Retry-After": "30"})


async def maintenance(request: web.Request):
    return err(503, "maintenance", "loans are read-only during the migration", **{"Retry-After": "120"})


async def payments(request: web.Request):
    return web.Response(page(502), status=502, content_type="text/html")


async def search(request: web.Request):
    return web.Response(page(503), status=503, content_type="text/html")


async def courier(request: web.Request):
    return web.Response(page(504), status=504, content_type="text/html")


async def boom(request: web.Request):
    return web.Response({"ratio": 1 / 0}, content_type="application/json")


async def slow(request: web.Request):
    await asyncio.sleep(5)
    return web.Response({"slow": True}, content_type="application/json")


async def healthz(request: web.Request):
    return web.Response("ok\n", content_type="text/plain")


app = Rapidy()
app.router.add_get(r"/api/loans/{lid:\d+}", loan)
app.router.add_post("/api/loans", create)
for path, fn in [("/api/account", account), ("/api/admin", admin), ("/api/quota", quota),
                 ("/api/maintenance", maintenance), ("/api/payments", payments), ("/api/search", search),
                 ("/api/courier", courier), ("/api/boom", boom), ("/api/slow", slow), ("/healthz", healthz)]:
    app.router.add_get(path, fn)

if __name__ == "__main__":
    run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
