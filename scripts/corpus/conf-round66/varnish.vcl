vcl 4.1;
# Varnish 7.1 for the round-66 corpus: a cache in front of Flask under
# gunicorn (apps63/flask_cached.py, round 55's Flask app with caching
# headers, 60315). Told to say little: Via, X-Varnish and the app's Server
# are unset on what it delivers, and its synth pages carry no Server and no
# Varnish name. Its own pages are the team's:
#   - vcl_backend_error: a branded HTML page for a backend that fails
#     (refused, first_byte_timeout 2s), or a branded JSON body for /api/
#     paths; a 503 either way, its reason phrase "Service Unavailable"
#     instead of Varnish's "Backend fetch failed";
#   - vcl_synth: branded JSON for /api/exports/ (429), /api/refunds/ (503)
#     and /api/v1/ (404, a retired version); a branded HTML 404 for any
#     other Host and 405 for PURGE;
#   - X-Request-ID (the transaction id) on everything; X-Cache HIT/MISS;
#   - the app's own answers (its errors too) pass untouched (not stored).
import std;

backend default {
    .host = "127.0.0.1";
    .port = "60315";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60399";
}

sub vcl_recv {
    if (req.http.host !~ "^api\.ledgerly\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/api/exports/") {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/api/refunds/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/api/v1/") {
        return (synth(404, "Not Found"));
    }
    if (req.url ~ "^/(legacy|reports)/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.ttl = 60s;
}

sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
    set beresp.http.Cache-Control = "no-store";
    set beresp.reason = "Service Unavailable";
    if (bereq.url ~ "^/(api|legacy)/") {
        set beresp.http.Content-Type = "application/json";
        synthetic({"{"error":"upstream_unavailable","message":"the Ledgerly API could not complete this request; try again shortly","request_id":""} + bereq.xid + {"""} + {"}"});
    } else {
        set beresp.http.Content-Type = "text/html; charset=utf-8";
        synthetic({"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Ledgerly - temporarily unavailable</title></head>
<body>
<h1>We'll be back soon</h1>
<p>Ledgerly reports are temporarily unavailable. Please try again in a few minutes.</p>
<p>Reference "} + bereq.xid + {"</p>
</body>
</html>
"});
    }
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
}

sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
    unset resp.http.Server;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    if (req.url ~ "^/api/" && req.http.host ~ "^api\.ledgerly\.test") {
        set resp.http.Content-Type = "application/json";
        if (resp.status == 429) {
            set resp.http.Retry-After = "60";
            synthetic({"{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}"});
        } elsif (resp.status == 503) {
            set resp.http.Retry-After = "3600";
            synthetic({"{"error":"maintenance","message":"refunds are paused until the month-end close""} + {"}"});
        } else {
            synthetic({"{"error":"not_found","message":"API v1 was retired on 2026-06-30; use /api/""} + {"}"});
        }
        return (deliver);
    }
    set resp.http.Content-Type = "text/html; charset=utf-8";
    synthetic({"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>"} + resp.status + {" | Ledgerly</title></head>
<body>
<h1>"} + resp.reason + {"</h1>
<p>This address isn't served by Ledgerly. Check the link and try again.</p>
</body>
</html>
"});
    return (deliver);
}
