vcl 4.1;
# Varnish 7 for the round-43 corpus, 127.0.0.1:57584, in front of FastAPI
# under uvicorn (57512). The builtin VCL underneath; Via, X-Varnish and Age
# as Varnish sets them, plus X-Cache and the front's own id on every answer
# (X-Edge-Request-ID, the transaction id; sent upstream as X-Request-ID,
# which the app ignores: it makes its own). Grace 1 h: a stale copy is served
# while the backend fails, and a 5xx background fetch is abandoned. The app's
# 404 is kept by the builtin TTL; the report's 500 for 30 s.
# first_byte_timeout 2s; /legacy/ goes to a port nothing listens on;
# /admin/ is a synth 403.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "57512";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "57519";
}

sub vcl_recv {
    set req.http.X-Request-ID = "v-" + req.xid;
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status == 500 && bereq.url ~ "^/api/reports/") {
        set beresp.ttl = 30s;
        set beresp.grace = 0s;
        return (deliver);
    }
    set beresp.grace = 1h;
}

sub vcl_deliver {
    set resp.http.X-Edge-Request-ID = req.http.X-Request-ID;
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
    set resp.http.X-Edge-Request-ID = req.http.X-Request-ID;
}

sub vcl_backend_error {
    set beresp.http.X-Edge-Request-ID = bereq.http.X-Request-ID;
}
