vcl 4.1;
# Varnish 7.1 for the round-61 corpus (round 55's config, ports moved): a cache in front of round 55's
# Sinatra app under Puma (59718), with the builtin VCL underneath.
#   - X-Request-ID (the transaction id) on every answer: delivered objects,
#     synth pages and "Backend fetch failed" pages;
#   - X-Cache HIT/MISS; Varnish's own Via stays on;
#   - /api/exports/: synth 429 with a JSON body; /api/refunds/: synth 503
#     with a JSON body; /api/beta/: synth 503 with an empty body;
#   - a Host other than api.ledgerly.test: synth 404 (the builtin page);
#   - PURGE: synth 405 (no purge ACL);
#   - /legacy/ to a port nobody listens on; first_byte_timeout 2s.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "59718";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "59799";
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
    if (req.url ~ "^/api/beta/") {
        return (synth(753, "Service Unavailable"));
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
    set beresp.ttl = 60s;
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
    if (resp.status == 753) {
        set resp.status = 503;
        unset resp.http.Content-Type;
        return (deliver);
    }
}
