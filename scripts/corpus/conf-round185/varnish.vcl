# Round 185: round 170's config (conf-round170/) with every port moved down into 60000-60499; the apps behind it rotated again (see capture-round185.sh).
# Round 170: round 164's config (conf-round164/) with every port moved up by 1000 (63000-63499), an added /readyz that passes to the app's own /healthz, and (VCL) the host api.tamarack.test; the apps behind it rotated (see capture-round170.sh).
# Round 164: round 152's VCL with the host name api.wrenfield.test (the Django app's ALLOWED_HOSTS). Round 134: round 118's config, unchanged but for the Squid host name (api.fernhill.test); the apps behind it changed (see capture-round134.sh).
# Round 118: a copy of round 100's config (conf-round100/), only the upstream app, its
# host name and the comments changed (see capture-round118.sh).
# Varnish 7.1 for the round-100 corpus: round 86's VCL, ports moved into
# 60000-60499, now in front of round 97's Tamarack orders API on Flask +
# Granian, WSGI, round 118 (apps97/flask_cache.py, 127.0.0.1:60015), plain HTTP on
# 127.0.0.1:60455, configured as an edge cache that answers much itself:
#   - www.api.tamarack.test -> synth 301 to the canonical host;
#   - /docs -> synth 301 to /docs/ (trailing slash);
#   - /healthz: synth 200 (Varnish's own, the app is not asked);
#   - OPTIONS on /api/: CORS preflight, synth 204;
#   - /ops/: a Basic credential check in VCL (synth 401 JSON with
#     WWW-Authenticate) before the app is asked;
#   - /api/partners/: an IP allowlist (acl), synth 403 (branded HTML);
#   - /internal/ and /api/internal/: synth 403 (branded HTML);
#   - /api/exports/: vsthrottle, 1 request per 60 s per client, synth 429 JSON;
#   - /api/refunds/: maintenance, synth 503 JSON with Retry-After;
#   - PURGE: synth 405;
#   - order 1 (public, max-age=300, ETag) is stored: HITs and Varnish's 304;
#     the app's 404 for order 9 (public, max-age=120) is stored too;
#   - other 4xx/5xx of the app are not stored and pass unchanged;
#   - /api/legacy2/ to a port nobody listens on, and the 5 s handler
#     (first_byte_timeout 3s): vcl_backend_error writes a branded HTML 503;
#   - X-Request-ID: Varnish's xid on every answer; X-Cache HIT/MISS.
vcl 4.1;
import std;
import vsthrottle;

backend default {
    .host = "127.0.0.1";
    .port = "60015";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60499";
}

acl partners {
    "10.20.0.0"/16;
}

sub vcl_recv {
    if (req.http.host ~ "^www\.api\.tamarack\.test(:[0-9]+)?$") {
        return (synth(750, "Moved Permanently"));
    }
    if (req.http.host !~ "^api\.tamarack\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.url == "/docs") {
        return (synth(751, "Moved Permanently"));
    }
    if (req.url == "/healthz") {
        return (synth(200, "OK"));
    }
    if (req.url == "/readyz") {
        set req.url = "/healthz";
        return (pass);
    }
    if (req.method == "OPTIONS" && req.url ~ "^/api/") {
        return (synth(204, "No Content"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/ops/" && req.http.Authorization != "Basic b3BzOnMzY3JldC1vcHM=") {
        return (synth(401, "Unauthorized"));
    }
    if (req.url ~ "^/ops/") {
        return (pass);
    }
    if (req.url ~ "^/api/partners/" && client.ip !~ partners) {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/(api/)?internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports/" && vsthrottle.is_denied("exports:" + client.identity, 1, 60s)) {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/api/refunds/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/api/legacy2/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 400 && beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.X-Request-ID = bereq.xid;
    set beresp.http.Retry-After = "30";
    synthetic({"<!DOCTYPE html>
<html><head><title>Tamarack is temporarily unavailable</title></head>
<body><h1>We'll be right back</h1><p>Tamarack could not reach the orders service. Please try again in a moment.</p><p>Reference: "} + bereq.xid + {"</p></body></html>
"});
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
    if (resp.status == 750) {
        set resp.status = 301;
        set resp.http.Location = "http://api.tamarack.test:60455" + req.url;
        set resp.body = "";
        return (deliver);
    }
    if (resp.status == 751) {
        set resp.status = 301;
        set resp.http.Location = "/docs/";
        set resp.body = "";
        return (deliver);
    }
    if (resp.status == 200) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Cache-Control = "no-store";
        synthetic({"{"status":"ok","edge":"varnish" }"});
        return (deliver);
    }
    if (resp.status == 204) {
        set resp.http.Access-Control-Allow-Origin = "https://app.tamarack.test";
        set resp.http.Access-Control-Allow-Methods = "GET, POST, PUT, DELETE, OPTIONS";
        set resp.http.Access-Control-Max-Age = "86400";
        unset resp.http.Content-Type;
        set resp.body = "";
        return (deliver);
    }
    if (resp.status == 401) {
        set resp.http.Content-Type = "application/json";
        set resp.http.WWW-Authenticate = {"Basic realm="Tamarack ops", charset="UTF-8""};
        set resp.http.Cache-Control = "no-store";
        synthetic({"{"error":"unauthorized","message":"ops endpoints need operator credentials","request_id":""} + req.xid + {"" }
"});
        return (deliver);
    }
    if (resp.status == 403) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        synthetic({"<!DOCTYPE html>
<html><head><title>Access denied</title></head>
<body><h1>Access denied</h1><p>This path is not available from your network.</p><p>Reference: "} + req.xid + {"</p></body></html>
"});
        return (deliver);
    }
    if (resp.status == 429) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "60";
        synthetic({"{"error":"too_many_requests","message":"one export per minute per client","retry_after":60 }"});
        return (deliver);
    }
    if (resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "3600";
        synthetic({"{"error":"maintenance","message":"refunds are paused for scheduled maintenance until 06:00 UTC","retry_after":3600 }"});
        return (deliver);
    }
}
