vcl 4.1;
# Round 89: Varnish 7.1 in front of nginx (127.0.0.1:56205), which reaches
# the Tansy orders API (Django under uWSGI) over a unix socket. Orders keep
# the app's max-age=2 with 1 h grace; other /api/ paths pass. Errors are left
# to the built-in VCL (so a 404 is kept for its default TTL). PURGE is not
# allowed (synth 405). X-Cache HIT/MISS; the stock synth pages.
backend nginx {
    .host = "127.0.0.1";
    .port = "56205";
    .connect_timeout = 1s;
    .first_byte_timeout = 8s;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/api/" && req.url !~ "^/api/orders/") {
        return (pass);
    }
}

sub vcl_backend_response {
    if (beresp.status == 200) {
        set beresp.grace = 1h;
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
