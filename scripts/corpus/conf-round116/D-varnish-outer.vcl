# Round 116, chain D (outer hop): Varnish 7.1 on 62204 before Caddy (62104), which
# proxies to gin (62014). X-Request-ID = xid; /api/products/ kept for the app's own max-age
# (404s included), grace 1 h; /reports/ has a 2 s first-byte budget (8 s elsewhere). Stock pages.
vcl 4.1;

backend web {
    .host = "127.0.0.1";
    .port = "62104";
    .connect_timeout = 1s;
    .first_byte_timeout = 8s;
}

sub vcl_recv {
    set req.http.X-Request-ID = req.xid;
    if (req.url ~ "^/reports/") {
        set req.url = regsub(req.url, "^/reports/", "/api/");
        set req.http.X-Budget = "2";
        return (pass);
    }
    if (req.url !~ "^/api/products/") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Budget) {
        set bereq.first_byte_timeout = 2s;
    }
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    if (bereq.is_bgfetch && beresp.status >= 500) {
        # a failed background refresh keeps the grace copy (run 1: without
        # this, the failed refresh replaced it and the next request missed)
        return (abandon);
    }
    if (beresp.status == 404) {
        return (deliver);
    }
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}

sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.http.X-Request-ID;
}
