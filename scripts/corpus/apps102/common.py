"""Round 102: what the five Python apps of this round share: the order data,
the app's own HTML pages for a failing dependency (502/503/504), and the
app's own request id (echoed from X-Request-ID, or made when none came).
Every app has the same routes under /api/:
  GET  /api/orders/<id>   1: 200 (public, max-age=300, ETag, Last-Modified)
                          9: the handler's JSON 404 (public, max-age=120)
                          not a number: the handler's JSON 400
  POST /api/orders        no ref: validation error; ref of order 1: 409; else 201
  PUT  /api/orders/<id>   the framework's own 405
  GET  /api/account 401, /api/admin 403, /api/quota 429 (JSON, Retry-After)
  POST /api/uploads       over 8 KB: 413 (framework, app server or handler)
  GET  /api/boom          an uncaught error (the framework's or server's 500)
  GET  /api/payments      the app's own HTML 502 page
  GET  /api/statements    the app's own HTML 503 page
  GET  /api/tracking/<n>  the app's own HTML 504 page
  GET  /api/slow          waits 5 s, then 200
  GET  /api/rates         200, public, max-age=1
"""
import os
import uuid

BRAND = os.environ.get("BRAND", "Orders")
REPLICA = os.environ.get("REPLICA", "orders-web-1")
ORDER1 = {"id": 1, "ref": "OR-1001", "status": "shipped", "total": "84.20", "currency": "EUR"}
ORDER1_HEADERS = {
    "Cache-Control": "public, max-age=300",
    "ETag": '"or-1-v7"',
    "Last-Modified": "Mon, 02 Jun 2025 08:00:00 GMT",
}
NOT_FOUND_9 = {"error": "not_found", "message": "no order 9"}
LIMIT = 8192

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title} | {brand}</title>
<style>body{{font-family:system-ui,sans-serif;margin:4em auto;max-width:40em;color:#333}}</style></head>
<body>
<h1>{heading}</h1>
<p>{text}</p>
<p class="ref">Replica {replica}. If this keeps happening, contact support with the time of the error.</p>
</body>
</html>
"""


def page(code):
    title, heading, text = {
        502: ("Payment provider unavailable", "We could not reach our payment provider",
              "The payment provider returned an invalid answer. Your card was not charged."),
        503: ("Statements unavailable", "Statements are temporarily unavailable",
              "Statement generation is paused while the ledger is being reconciled."),
        504: ("Tracking timed out", "The carrier did not answer in time",
              "Tracking information could not be fetched from the carrier. Please try again later."),
    }[code]
    return _PAGE.format(title=title, heading=heading, text=text, brand=BRAND, replica=REPLICA)


def request_id(incoming):
    return incoming or uuid.uuid4().hex
