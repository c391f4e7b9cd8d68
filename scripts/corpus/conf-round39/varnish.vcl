vcl 4.1;
# Varnish for the round-39 corpus, two listeners set up as a production team
# does: a request id (X-Request-ID, from req.xid when the client sent none),
# Server/X-Powered-By/Via/X-Varnish removed, HSTS, an X-Cache header, gzip
# of JSON, a vsthrottle rate limit with a JSON 429, a maintenance switch with
# a branded page, and a branded page for Varnish's own backend errors.
#   rails  (127.0.0.1:55900) -> Rails under Puma (55545); /legacy/ -> 55592 (down)
#   inv    (127.0.0.1:55901) -> Apache (55701) -> FastAPI under uvicorn (55530)
import std;
import vsthrottle;

backend rails {
    .host = "127.0.0.1";
    .port = "55545";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "55592";
    .connect_timeout = 1s;
}
backend inventory {
    .host = "127.0.0.1";
    .port = "55701";
    .connect_timeout = 1s;
    .first_byte_timeout = 4s;
}

sub vcl_recv {
    if (!req.http.X-Request-ID) {
        set req.http.X-Request-ID = "vx-" + req.xid;
    }
    if (local.socket == "inv") {
        set req.backend_hint = inventory;
        if (req.url ~ "^/api/stock/search" && vsthrottle.is_denied(client.identity, 3, 10s)) {
            return (synth(429, "Too Many Requests"));
        }
    } else {
        set req.backend_hint = rails;
        if (req.url ~ "^/legacy/") {
            set req.backend_hint = legacy;
        }
        if (req.url ~ "^/checkout") {
            return (synth(503, "Maintenance"));
        }
    }
}

sub vcl_backend_response {
    if (beresp.http.Content-Type ~ "json|text") {
        set beresp.do_gzip = true;
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    synthetic({"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Pantry &amp; Co. - temporarily unavailable</title></head>
<body style="font-family:Georgia,serif;text-align:center;padding:3em">
<h1>Our shop is taking a short break</h1>
<p>We are having trouble loading this page. Please try again in a moment.</p>
<p><small>Reference: "} + bereq.xid + {"</small></p>
</body></html>
"});
    return (deliver);
}

sub vcl_synth {
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    set resp.http.Strict-Transport-Security = "max-age=63072000";
    if (resp.status == 429) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "10";
        synthetic({"{"error":"rate_limited","message":"Too many stock lookups, retry in 10 seconds","request_id":""} + req.http.X-Request-ID + {"""} + "}");
        return (deliver);
    }
    if (resp.status == 503) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "3600";
        synthetic({"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Pantry &amp; Co. - down for maintenance</title></head>
<body style="font-family:Georgia,serif;text-align:center;padding:3em">
<h1>Checkout is down for maintenance</h1>
<p>We are upgrading our checkout. Your basket is saved; please come back within the hour.</p>
</body></html>
"});
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    if (!resp.http.X-Request-ID) {
        set resp.http.X-Request-ID = req.http.X-Request-ID;
    }
    unset resp.http.Server;
    unset resp.http.X-Powered-By;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.X-Runtime;
    set resp.http.Strict-Transport-Security = "max-age=63072000";
}
