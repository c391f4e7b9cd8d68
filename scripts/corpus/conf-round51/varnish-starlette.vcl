vcl 4.1;
# Varnish 7.1 for the round-51 corpus: the cache between HAProxy (TLS,
# HTTP/2) and Starlette under uvicorn (58716). The builtin VCL, X-Cache,
# Via and X-Varnish removed, first_byte_timeout 2s; /reports/ goes to the
# same app with a 10 s first_byte_timeout (long reports), so HAProxy's own
# `timeout server 3s` fires first there.
backend starlette {
    .host = "127.0.0.1";
    .port = "58716";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}

backend reports {
    .host = "127.0.0.1";
    .port = "58716";
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
}

sub vcl_recv {
    if (req.url ~ "^/reports/") {
        set req.backend_hint = reports;
        set req.url = regsub(req.url, "^/reports/", "/");
        return (pass);
    }
    set req.backend_hint = starlette;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
