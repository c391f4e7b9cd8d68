# Round 90, setup varnish-apache-django-r90: the OUTER hop. Varnish 7.1 as
# the company's cache in front of Apache (B-apache-inner.conf, 56602), which
# proxies to Django on gunicorn (one sync worker, 56512). What the team added:
#   - X-Request-ID = Varnish's transaction id, sent on and returned;
#   - /api/orders/ cached (the app's max-age=2, grace 1 h); the app's 404s
#     kept 30 s (so a repeated 404 is a HIT of the app's own answer); other
#     errors not kept; every other path passed;
#   - /admin/ refused at the edge: a synth 403;
#   - first_byte_timeout 8s (Apache gives up after 3 s).
vcl 4.1;

backend web {
    .host = "127.0.0.1";
    .port = "56602";
    .connect_timeout = 1s;
    .first_byte_timeout = 8s;
}

sub vcl_recv {
    set req.http.X-Request-ID = req.xid;
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url !~ "^/api/orders/") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    if (beresp.status == 404) {
        set beresp.ttl = 30s;
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
