vcl 4.1;
# Varnish 7.1 for the round-105 corpus: round 97's VCL, now the inner front
# of a chain: nginx 1.22 terminates TLS + HTTP/2 on 127.0.0.1:60607 and
# passes to this Varnish (plain HTTP, 127.0.0.1:60606), in front of round
# 83's Sinatra shipments API on Puma (apps97/sinatra97.ru, 127.0.0.1:60515:
# shipment 1 public max-age=60 with an ETag). The builtin VCL runs
# underneath; first_byte_timeout 3s.
#   - Varnish keeps its X-Varnish and Via; it sets no request id of its own
#     (nginx's X-Request-ID is on every answer the client sees);
#   - X-Cache HIT/MISS (HIT-STALE for a copy past its ttl);
#   - a stored object answers If-None-Match itself (304);
#   - URLs with ?view=short: ttl 1 s, grace 1 h (a stale copy while a fresh
#     one is fetched); other 200s: 60 s; the app's 404s kept 60 s (a HIT of
#     an app error); other errors are not stored;
#   - /api/quotas/: synth 429 with a JSON body; /api/returns/: synth 503
#     with a JSON body (maintenance); /api/alpha/: synth 503 with an empty
#     body (nginx answers /api/exports/, /api/refunds/, /api/beta/ itself);
#   - /v2/: synth 301 to /api/; PURGE: synth 405 (no purge ACL);
#   - /legacy/ to a port nobody listens on, /ledger/ to a service that
#     resets every connection.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "60515";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60599";
}
backend ledger {
    .host = "127.0.0.1";
    .port = "60596";
}

sub vcl_recv {
    if (req.http.host !~ "^api\.wayfarer\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.url ~ "^/v2/") {
        return (synth(751, "Moved Permanently"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/api/quotas/") {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/api/returns/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/api/alpha/") {
        return (synth(753, "Service Unavailable"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
    if (req.url ~ "^/ledger/") {
        set req.backend_hint = ledger;
    }
}

sub vcl_backend_response {
    if (beresp.status == 404) {
        # the app's 404s are kept for 60 s
        set beresp.ttl = 60s;
        return (deliver);
    }
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url ~ "view=short") {
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
    if (resp.status == 751) {
        set resp.status = 301;
        set resp.http.Location = "/api/";
        set resp.body = "";
        return (deliver);
    }
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
