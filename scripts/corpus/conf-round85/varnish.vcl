vcl 4.1;
# Round 85: round 83's VCL (conf-round83/varnish.vcl), ports moved into
# 64000-64999, the upstream now round 85's Avocet items API (apps85/koa_app.js,
# 64015); first_byte_timeout 3s. The builtin VCL runs underneath.
#   - X-Request-ID (the transaction id) on every answer; X-Cache HIT/MISS;
#   - a stored object answers If-None-Match itself (304);
#   - 200s: 60 s; errors are not stored unless the app marks them public
#     (the app's 410 for item 7 is, and is replayed from the store);
#   - /api/exports/: synth 429 (JSON); /api/refunds/: synth 503 (JSON);
#     /internal/: synth 403 (the builtin HTML page); PURGE: synth 405;
#   - /legacy/ to a port nobody listens on ("Backend fetch failed").
import std;

backend default {
    .host = "127.0.0.1";
    .port = "64015";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "64999";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports/") {
        return (synth(429, "Too Many Requests"));
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
        if (beresp.http.Cache-Control ~ "public") {
            return (deliver);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
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
    if (resp.status == 429) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "60";
        synthetic({"{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}"});
        return (deliver);
    }
    if (resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "3600";
        synthetic({"{"error":"maintenance","message":"refunds are paused until the month-end close","retry_after":3600}"});
        return (deliver);
    }
}
