vcl 4.1;
# Varnish 7.1 for the round-96 corpus, rendered once per app by
# capture-round96.sh (@APPPORT@ and @NAME@ replaced): Flask on Werkzeug's dev
# server (varnishd on 59601 -> 59704), Express 4 (59602 -> 59705), gin 1.8
# (59603 -> 59701). The app's own Server header (Werkzeug's) is passed on and
# kept with the stored object; Varnish adds X-Varnish, Via and Age as it does.
# Other settings than round 74's:
#   - PURGE with the right X-Purge-Key: return (purge) -> Varnish's synth
#     200 "Purged"; without it: synth 405 "Purge not allowed".
#   - BAN with the key: ban() on /api/products/ -> synth 200 "Ban added".
#   - /internal/: synth 403; /catalog/...: synth 301 to /api/... (the
#     builtin vcl_synth page, Location set).
#   - grace 1 h (served stale while the backend fails; a failed background
#     fetch is abandoned so the stale copy stays), first_byte_timeout 3s.
#   - X-Cache (MISS / HIT / HIT-STALE) and X-Cache-Hits.
# The builtin VCL underneath (it caches 200 and 404 by the app's
# Cache-Control, passes no-store as hit-for-miss).
import std;

backend app {
    .host = "127.0.0.1";
    .port = "@APPPORT@";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip ~ purgers && req.http.X-Purge-Key == "edge-96") {
            return (purge);
        }
        return (synth(405, "Purge not allowed"));
    }
    if (req.method == "BAN") {
        if (client.ip ~ purgers && req.http.X-Purge-Key == "edge-96") {
            ban("req.url ~ ^/api/products/");
            return (synth(200, "Ban added"));
        }
        return (synth(405, "Ban not allowed"));
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/catalog/") {
        return (synth(301, "Moved Permanently"));
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.grace = 1h;
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        if (obj.ttl <= 0s) {
            set resp.http.X-Cache = "HIT-STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Cache-Hits = obj.hits;
}

sub vcl_synth {
    if (resp.status == 301) {
        set resp.http.Location = "http://" + req.http.host + regsub(req.url, "^/catalog/", "/api/");
    }
}
