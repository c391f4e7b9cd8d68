vcl 4.1;
# Varnish 7.1 for the round-68 corpus, setup caddy-varnish-flask: the INNER
# hop, a cache behind Caddy (Caddyfile-outer-c) and in front of the Flask
# app under gunicorn (apps63/flask_cached.py, 60512). Round 65's VCL with the
# backend swapped, first_byte_timeout 3s (the outer Caddy waits 8 s). It
# sets no request id of its own: X-Varnish (builtin), Via and X-Cache.
#   - a stored object answers If-None-Match itself (304);
#   - /api/rates: ttl 1 s, grace 1 h; other 200s: 60 s; errors never stored;
#   - /api/refunds/: synth 503 with a JSON maintenance body;
#   - /legacy/ to a port nobody listens on (Backend fetch failed).
import std;

backend default {
    .host = "127.0.0.1";
    .port = "60512";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60599";
}

sub vcl_recv {
    if (req.http.host !~ "^api\.ledgerly\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.url ~ "^/api/refunds/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url ~ "^/api/rates") {
        set beresp.ttl = 1s;
        set beresp.grace = 1h;
        return (deliver);
    }
    set beresp.ttl = 60s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        if (obj.ttl < 0s) {
            set resp.http.X-Cache = "HIT-STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    if (resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "3600";
        synthetic({"{"error":"maintenance","message":"refunds are paused until the month-end close","retry_after":3600}"});
        return (deliver);
    }
}
