vcl 4.1;
# Varnish 7.1 for the round-68 corpus, setup varnish-caddy-litestar: the
# OUTER hop, a cache in front of Caddy (Caddyfile-inner-a, 60520), which
# fronts the Litestar app under uvicorn (60510). Round 65's VCL with the
# backend swapped for Caddy and first_byte_timeout 8s (so the inner Caddy's
# 3 s timeout fires first). The builtin VCL runs underneath.
#   - X-Request-ID (the transaction id) on every answer: delivered objects,
#     synth pages and "Backend fetch failed" pages; X-Cache HIT/MISS
#     (HIT-STALE for a copy past its ttl); Via stays on;
#   - a stored object answers If-None-Match itself (304);
#   - /api/rates: ttl 1 s, grace 1 h; other 200s: 60 s; errors never stored;
#   - /api/exports/: synth 429 with a JSON body; /internal/: synth 403;
#   - a Host other than api.ledgerly.test: synth 404; PURGE: synth 405.
import std;

backend caddy {
    .host = "127.0.0.1";
    .port = "60520";
    .connect_timeout = 1s;
    .first_byte_timeout = 8s;
}

sub vcl_recv {
    if (req.http.host !~ "^api\.ledgerly\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports/") {
        return (synth(429, "Too Many Requests"));
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

sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}

sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
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
    set resp.http.X-Request-ID = req.xid;
    if (resp.status == 429) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "60";
        synthetic({"{"error":"too_many_requests","message":"export quota for this key is used up today","retry_after":60}"});
        return (deliver);
    }
}
