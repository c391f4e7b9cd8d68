# Round 124 (copied from round 117), setup koa-bun-varnish-r124: Varnish 7.1 (127.0.0.1:62005) ->
# Koa 2 on Bun (127.0.0.1:62015, apps99/koa_app.js). Orders kept 30 s,
# everything else passed; first_byte_timeout 3s. The lines between PUSH-BEGIN
# and PUSH-END are the "config push" (varnishd restarted with them, and with
# http_req_hdr_len=1024).
vcl 4.1;
backend wicken { .host = "127.0.0.1"; .port = "62015"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    #PUSH-BEGIN
    if (req.url ~ "^/api/refunds/") {
        return (synth(503, "Maintenance"));
    }
    if (req.url == "/api/orders/2") {
        return (synth(429, "Too Many Requests"));
    }
    #PUSH-END
    if (req.url !~ "^/api/orders/[0-9]+$") {
        return (pass);
    }
}
sub vcl_backend_response {
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.ttl = 30s;
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
