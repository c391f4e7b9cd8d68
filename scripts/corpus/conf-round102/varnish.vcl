vcl 4.1;
# Varnish 7.1 for the round-102 corpus: round 97's VCL (round 83's ...), now
# in front of the Avocet orders API on Django REST framework + gunicorn
# (apps102/drf_app.py, 127.0.0.1:60015: order 1 public max-age=300 with an
# ETag and Last-Modified, /api/rates max-age=1, the 404 for order 9 public
# max-age=120). One plain port, 60105. The builtin VCL runs underneath;
# first_byte_timeout 3s.
#   - X-Request-ID (the transaction id) on every answer: delivered objects,
#     synth pages and "Backend fetch failed" pages;
#   - X-Cache HIT/MISS (HIT-STALE for a copy past its ttl); Via stays on;
#   - a stored object answers If-None-Match / If-Modified-Since itself (304);
#   - /api/rates: ttl 1 s, grace 1 h (a stale copy while a fresh one is
#     fetched); other 200s: 60 s (the builtin VCL passes `no-store`);
#     errors are not stored unless the app marks them public (the 404 for
#     order 9, kept for its max-age);
#   - /api/exports/: synth 429 with a JSON body; /api/refunds/: synth 503
#     with a JSON body; /api/beta/: synth 503 with an empty body;
#   - a Host other than api.avocet.test: synth 404 (the builtin page);
#   - PURGE: synth 405 (no purge ACL);
#   - /legacy/ to a port nobody listens on, /ledger/ to a service that
#     resets every connection.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "60015";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60099";
}
backend ledger {
    .host = "127.0.0.1";
    .port = "60096";
}

sub vcl_recv {
    if (req.http.host !~ "^api\.avocet\.test(:[0-9]+)?$") {
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
    if (req.url ~ "^/ledger/") {
        set req.backend_hint = ledger;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 400) {
        if (beresp.http.Cache-Control ~ "public") {
            # an error the app itself marks public: kept for its own max-age
            return (deliver);
        }
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
