"""Pyramid under waitress: a members API (round 36, behind lighttpd)."""
import sys
import time
import uuid

from pyramid.config import Configurator
from pyramid.httpexceptions import (HTTPConflict, HTTPForbidden, HTTPFound, HTTPNotFound,
                                    HTTPServiceUnavailable, HTTPTooManyRequests, HTTPUnauthorized)
from pyramid.response import Response
from waitress import serve


def jerr(request, status, code, message):
    rid = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    r = Response(json_body={"error": code, "message": message, "request_id": rid}, status=status)
    r.headers["X-Request-Id"] = rid
    return r


def member(request):
    mid = request.matchdict["mid"]
    if mid == "1":
        return {"id": 1, "name": "A. Jensen", "tier": "gold"}
    if mid == "legacy":
        raise HTTPNotFound()  # Pyramid's stock HTML 404
    return jerr(request, 404, "member_not_found", "No member %s" % mid)


def create(request):
    try:
        data = request.json_body
    except ValueError:
        return jerr(request, 400, "invalid_json", "Could not parse the body")
    if not data.get("email"):
        return jerr(request, 422, "validation_failed", "email is required")
    request.response.status = 201
    return {"id": 2}


def merge(request):
    raise HTTPConflict(json_body={"error": "conflict", "message": "Member already merged"})


def admin(request):
    if not request.authorization:
        raise HTTPUnauthorized(headers={"WWW-Authenticate": 'Basic realm="members-admin"'})
    raise HTTPForbidden()


def points(request):
    return HTTPTooManyRequests(json_body={"error": "rate_limited", "message": "Try again in 60 s"},
                               headers={"Retry-After": "60"})


def boom(request):
    raise AttributeError("'NoneType' object has no attribute 'tier'")


def maintenance(request):
    raise HTTPServiceUnavailable(detail="Member database is being upgraded")


def slow(request):
    time.sleep(5)
    return {"ok": True}


def upload(request):
    return {"received": len(request.body)}


def old(request):
    return HTTPFound(location="/api/members/1")


if __name__ == "__main__":
    with Configurator() as config:
        for name, pattern, view, kw in [
            ("create", "/api/members", create, {"request_method": "POST"}),
            ("member", "/api/members/{mid}", member, {"request_method": "GET"}),
            ("merge", "/api/members/{mid}/merge", merge, {}),
            ("admin", "/api/admin/export", admin, {}),
            ("points", "/api/points", points, {}),
            ("boom", "/api/boom", boom, {}),
            ("maintenance", "/api/maintenance", maintenance, {}),
            ("slow", "/api/slow", slow, {}),
            ("upload", "/api/avatars", upload, {}),
            ("old", "/members/me", old, {}),
        ]:
            config.add_route(name, pattern)
            config.add_view(view, route_name=name, renderer="json", **kw)
        app = config.make_wsgi_app()
    serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=4, ident="waitress")
