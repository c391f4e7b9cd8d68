vcl 4.1;
# Varnish for the round-40 corpus: two plain listeners, "koa" (56400) and
# "nest" (56401), HTTP/2 on (feature=+http2), each behind its own hitch (56410, 56411: TLS, h2). The
# builtin VCL does the rest (404s without Cache-Control kept for the default
# TTL); X-Cache says HIT or MISS; first_byte_timeout 2s; /legacy/ goes to a
# backend that is not running.
backend koa {
    .host = "127.0.0.1";
    .port = "56030";
    .first_byte_timeout = 2s;
}
backend nest {
    .host = "127.0.0.1";
    .port = "56020";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "56494";
}
sub vcl_recv {
    if (local.socket == "nest") {
        set req.backend_hint = nest;
    } else {
        set req.backend_hint = koa;
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
