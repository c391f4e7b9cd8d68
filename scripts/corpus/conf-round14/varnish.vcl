vcl 4.1;
# Varnish for the round-14 corpus, 127.0.0.1:32090 (plain HTTP/1.1; nginx on
# 32446 terminates TLS in front of it), in front of an Express of its own.
# Hardened the way teams run it: grace (objects live 2 s, then are served
# stale for up to an hour while the backend is away; a failed background
# fetch is abandoned so the stale copy stays), first_byte_timeout 2s,
# a request id (the one the TLS terminator sent, else Varnish's xid), X-Cache,
# no X-Varnish/Via on the way out, JSON synth answers for a maintenance
# switch (/api/exports/) and for /admin/.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "32014";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "32009";
}

sub vcl_recv {
    if (!req.http.X-Request-ID) {
        set req.http.X-Request-ID = "varnish-" + req.xid;
    }
    if (req.url ~ "^/admin") {
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
    set beresp.grace = 1h;
}

sub vcl_backend_error {
    # a failed background fetch must not replace the copy kept in grace
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
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (resp.status == 503) {
        set resp.http.Retry-After = "600";
        set resp.body = {"{"error":"maintenance","message":"Exports are paused during the nightly maintenance window." }
"};
    } else {
        set resp.body = {"{"error":"forbidden","message":"Not available from outside the office network." }
"};
    }
    return (deliver);
}
