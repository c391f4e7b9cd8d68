# Round 107, setup varnish-nginx-django-r107: the OUTER hop. Varnish 7.1 as
# the company's cache in front of nginx (C-nginx-inner.conf, 60103), which
# proxies to Django on gunicorn (60013). What the team added: X-Request-ID =
# Varnish's transaction id; /api/orders/ cached 2 s with 1 h grace (the app
# sends no Cache-Control) and the app's 404s kept 30 s; other errors not
# kept; other paths passed; /reports/* with a 2 s first-byte budget (Varnish's
# own 503); first_byte_timeout 8s elsewhere (nginx gives up after 3 s).
vcl 4.1;

backend web {
    .host = "127.0.0.1";
    .port = "60103";
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
    if (req.url !~ "^/api/orders/") {
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
        set beresp.http.Cache-Control = "public, max-age=2";
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
