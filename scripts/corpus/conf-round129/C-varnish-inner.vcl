# Round 129, chain C (inner hop): Varnish 7.1 on 60103 before Express (60011);
# /api/legacy/ to the resetting service (60096). /api/orders/ kept 2 s + grace 1 h,
# 404s kept 30 s, other 4xx/5xx not kept; first_byte_timeout 3s; X-Cache HIT/MISS. Stock synth pages.
vcl 4.1;

backend api {
    .host = "127.0.0.1";
    .port = "60011";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60096";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}

sub vcl_recv {
    # the outer Apache sends its /reports/ path as /reports/ (round 129, run 2)
    if (req.url ~ "^/reports/") {
        set req.url = regsub(req.url, "^/reports/", "/api/");
    }
    if (req.url ~ "^/api/legacy/") {
        set req.backend_hint = legacy;
        return (pass);
    }
    set req.backend_hint = api;
    if (req.url !~ "^/api/orders/") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    if (bereq.is_bgfetch && beresp.status >= 500) {
        # a failed background refresh keeps the grace copy (run 1: without
        # this, the failed refresh replaced it and the next request missed)
        return (abandon);
    }
    if (beresp.status == 404) {
        set beresp.ttl = 30s;
        return (deliver);
    }
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url ~ "^/api/orders/") {
        set beresp.ttl = 2s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
