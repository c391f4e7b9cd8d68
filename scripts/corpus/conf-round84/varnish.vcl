vcl 4.1;
# Varnish 7.1 for the round-84 corpus: the middle hop of a chain,
# nginx (TLS + HTTP/2, 63405) -> Varnish (63455, HTTP/1.1 only) -> round 55's
# Sinatra invoices API on Puma (apps55/sinatra_app.rb, 63015). Round 82's
# VCL (round 77's, 70's, ...), the ports moved into 63000-63999, the upstream
# swapped. first_byte_timeout 3s (nginx waits 4 s, so Varnish answers the
# slow handler first). The builtin VCL runs underneath.
#   - X-Request-ID (the transaction id) on every answer: delivered objects,
#     synth pages and "Backend fetch failed" pages (nginx adds its own
#     X-Request-ID next to it);
#   - X-Cache HIT/MISS; Via stays on;
#   - Sinatra sets no validator, so invoice 1 is given a fixed ETag here
#     ("lg-inv-1-v1") when stored, and a stored object answers
#     If-None-Match itself (304);
#   - 200s are stored for 60 s; errors are not stored;
#   - /api/refunds/: synth 503 with a JSON body; /api/beta/: synth 503
#     with an empty body;
#   - PURGE: synth 405 (no purge ACL);
#   - /api/legacy2/ to a port nobody listens on ("Backend fetch failed").
import std;

backend default {
    .host = "127.0.0.1";
    .port = "63015";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "63999";
}

sub vcl_recv {
    if (req.http.host !~ "^api\.ledgerly\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/api/refunds/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/api/beta/") {
        return (synth(753, "Service Unavailable"));
    }
    if (req.url ~ "^/api/legacy2/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url ~ "^/api/invoices/1$" && !beresp.http.ETag) {
        set beresp.http.ETag = {""lg-inv-1-v1""};
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
