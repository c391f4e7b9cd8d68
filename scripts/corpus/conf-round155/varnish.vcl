# Varnish 7.1 for the round-155 corpus (HTTP/1.1 only, no TLS: Varnish does not
# speak it), one listening port:
#   60565 -> Fastify 4 on Node 20 (apps78/fastify_app.js, 60555)
# Nothing is cached (pass): Varnish passes every answer on and adds its Via;
# X-Request-ID (the xid) on every answer, its own included; /api/export a
# JSON synth 429; /api/reports/ a JSON synth 503; anything outside /api/ a
# synth 404 (stock guru page); first_byte_timeout 3 s (stock 503 on a slow app);
# app stopped: stock 503 "Backend fetch failed".
vcl 4.1;
backend saltmarsh { .host = "127.0.0.1"; .port = "60555"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    set req.backend_hint = saltmarsh;
    if (req.url == "/api/export") {
        return (synth(729, "Too Many Requests"));
    }
    if (req.url ~ "^/api/reports/") {
        return (synth(703, "Service Unavailable"));
    }
    if (req.url !~ "^/api/") {
        return (synth(404, "Not Found"));
    }
    return (pass);
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
    if (resp.status == 729) {
        set resp.status = 429;
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "3600";
        set resp.body = {"{"error":"rate_limited","message":"exports are limited to one per hour" }
"};
        return (deliver);
    }
    if (resp.status == 703) {
        set resp.status = 503;
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "600";
        set resp.body = {"{"error":"maintenance","message":"reports are offline for scheduled maintenance" }
"};
        return (deliver);
    }
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
