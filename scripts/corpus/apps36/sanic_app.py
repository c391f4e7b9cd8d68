"""Sanic: a payouts API (round 36, behind HAProxy). Single process."""
import asyncio
import sys
import uuid

from sanic import Sanic
from sanic.exceptions import NotFound, ServiceUnavailable
from sanic.response import json, redirect

app = Sanic("payouts")
app.config.REQUEST_MAX_SIZE = 1024 * 1024


def jerr(request, status, code, message, headers=None):
    rid = request.headers.get("x-request-id") or uuid.uuid4().hex
    return json({"error": code, "message": message, "request_id": rid}, status=status,
                headers={"X-Request-Id": rid, **(headers or {})})


@app.get("/api/payouts/<pid>")
async def payout(request, pid):
    if pid == "po_1":
        return json({"id": pid, "amount": 125000, "state": "paid"})
    if pid == "legacy":
        raise NotFound("Payout archive moved")
    return jerr(request, 404, "payout_not_found", "No payout %s" % pid)


@app.post("/api/payouts")
async def create(request):
    data = request.json
    if not isinstance(data, dict) or "amount" not in data:
        return jerr(request, 422, "validation_error", "amount is required")
    return json({"id": "po_2"}, status=201)


@app.post("/api/payouts/<pid>/cancel")
async def cancel(request, pid):
    return jerr(request, 409, "already_settled", "Payout %s has settled" % pid)


@app.get("/api/admin/balances")
async def admin(request):
    if not request.headers.get("authorization"):
        return jerr(request, 401, "unauthorized", "Missing credentials", {"WWW-Authenticate": "Bearer"})
    return jerr(request, 403, "forbidden", "Finance role required")


@app.get("/api/fx")
async def fx(request):
    return jerr(request, 429, "rate_limited", "FX quotes limited to 1/s", {"Retry-After": "1"})


@app.get("/api/boom")
async def boom(request):
    raise KeyError("ledger_account")


@app.get("/api/maintenance")
async def maintenance(request):
    raise ServiceUnavailable("Payouts are paused during settlement")


@app.get("/api/slow")
async def slow(request):
    await asyncio.sleep(5)
    return json({"ok": True})


@app.post("/api/statements")
async def upload(request):
    return json({"received": len(request.body)})


@app.get("/payouts/latest")
async def old(request):
    return redirect("/api/payouts/po_1", status=301)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), single_process=True, access_log=False,
            motd=False)
