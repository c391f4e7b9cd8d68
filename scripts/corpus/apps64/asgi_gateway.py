"""Round-64 corpus: a small API gateway on asgiproxy (an ASGI proxy toolkit
on aiohttp's client, which no earlier round used), served by Hypercorn
(HTTP/1.1 and h2c on one port). It answers for the srvx app behind it:

  - every answer carries the gateway's own X-Trace-Id; what the upstream
    sent also gets "Via: 1.1 tidemark-asgi";
  - a Host other than loans.tidemark.test: the gateway's JSON 404;
  - /api/exports/*: its own JSON 429; /api/beta/*: an empty 503;
  - /legacy/* goes to a port nobody listens on: the gateway catches the
    refused connection and sends its own JSON 502;
  - the upstream is given 2 s (aiohttp's total timeout). The gateway does
    NOT catch that timeout: the exception reaches Hypercorn, which writes
    its own empty 500 (a gateway bug, as found in the wild).

usage: CORPUS_UP=PORT CORPUS_DEAD=PORT hypercorn asgi_gateway:app -b 127.0.0.1:PORT
"""
import json
import os
import uuid

import aiohttp
from asgiproxy.config import BaseURLProxyConfigMixin, ProxyConfig
from asgiproxy.context import ProxyContext
from asgiproxy.simple_proxy import make_simple_proxy_app

HOST = "loans.tidemark.test"
UP = int(os.environ["CORPUS_UP"])
DEAD = int(os.environ["CORPUS_DEAD"])


def config(port):
    class Config(BaseURLProxyConfigMixin, ProxyConfig):
        upstream_base_url = "http://127.0.0.1:%d" % port
        rewrite_host_header = "loans.tidemark.test"

        def get_upstream_http_options(self, *, scope, client_request, data):
            opts = super().get_upstream_http_options(scope=scope, client_request=client_request, data=data)
            opts["timeout"] = aiohttp.ClientTimeout(total=2)
            return opts

    return Config()


contexts = {}


def proxy_app(port):
    if port not in contexts:
        contexts[port] = make_simple_proxy_app(ProxyContext(config(port)))
    return contexts[port]


async def own(send, status, body, extra=()):
    payload = b"" if body is None else (json.dumps(body) + "\n").encode()
    headers = [(b"content-length", str(len(payload)).encode())] + list(extra)
    if body is not None:
        headers.append((b"content-type", b"application/json"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    rid = uuid.uuid4().hex
    started = {"v": False}

    async def send_tagged(message, passed=False):
        if message["type"] == "http.response.start":
            started["v"] = True
            headers = list(message.get("headers", []))
            headers.append((b"x-trace-id", rid.encode()))
            if passed:
                headers.append((b"via", b"1.1 tidemark-asgi"))
            message = dict(message, headers=headers)
        await send(message)

    async def send_passed(message):
        await send_tagged(message, passed=True)

    headers = dict((k.decode().lower(), v.decode()) for k, v in scope["headers"])
    host = headers.get("host", headers.get(":authority", "")).rsplit(":", 1)[0]
    path = scope["path"]
    if host != HOST:
        return await own(send_tagged, 404, {"error": "unknown_host", "message": "no API is served for host %s" % host,
                                            "trace_id": rid})
    if path.startswith("/api/exports/"):
        return await own(send_tagged, 429, {"error": "rate_limited", "message": "export quota for this key is used up",
                                            "trace_id": rid}, [(b"retry-after", b"60")])
    if path.startswith("/api/beta/"):
        return await own(send_tagged, 503, None)
    port = DEAD if path.startswith("/legacy/") else UP
    try:
        return await proxy_app(port)(scope, receive, send_passed)
    except aiohttp.ClientConnectorError:
        if not started["v"]:
            return await own(send_tagged, 502, {"error": "bad_gateway",
                                                "message": "the upstream service refused the connection",
                                                "trace_id": rid})
        raise
