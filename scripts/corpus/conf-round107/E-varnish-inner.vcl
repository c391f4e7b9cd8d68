# Round 107, setup caddy-varnish-flask-r107: the INNER hop. Varnish 7.1
# caching for Flask on gunicorn (60015), behind Caddy (E-Caddyfile-outer).
# What the team added: /api/orders/ cached (the team shortens the app's
# max-age=300 to 2 s, grace 1 h; the app's cacheable 404 for order 9 kept
# 30 s); other errors not kept; other paths passed; /api/legacy/ sent to the
# old ledger service (60096, resets every connection); X-Cache;
# first_byte_timeout 3s. Its pages are stock.
vcl 4.1;

backend api {
    .host = "127.0.0.1";
    .port = "60015";
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
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
