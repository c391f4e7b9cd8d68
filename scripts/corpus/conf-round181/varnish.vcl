vcl 4.1;
# Varnish 7.1 for the round-181 corpus, 127.0.0.1:61890, in front of round 74's FastAPI (apps160/fastapi_ext.py)
# on uvicorn (61811, `Server: uvicorn`). Requests with Authorization or Cookie
# are passed by the builtin vcl_recv (no hash, no store).
# The builtin VCL underneath; X-Varnish, Via and Age as Varnish sets them,
# X-Cache (MISS/HIT/HIT-STALE) added. Objects get a grace of 1 h (served
# stale while the backend fails; a failed background fetch is abandoned so
# the stale copy stays). Synthetic answers from vcl_recv: /admin/ 403,
# /api/exports/ a JSON maintenance 503. first_byte_timeout 3s; /legacy/ goes
# to a backend where nothing listens (61899).
backend default {
    .host = "127.0.0.1";
    .port = "61811";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "61899";
}

sub vcl_recv {
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports/") {
        return (synth(503, "Maintenance"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
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
}

sub vcl_synth {
    if (resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "900";
        set resp.body = {"{"error":"maintenance","message":"Exports are paused during the nightly import.","xid":"} + req.xid + {"}
"};
        return (deliver);
    }
}
