# Round 143 (round 133's, ports 613xx -> 634xx), setup django-cheroot-varnish-r143: Varnish 7.1 (127.0.0.1:63405) ->
# Django 5.2 on Cheroot 11, one thread (127.0.0.1:63415, apps143/django_me.py). Orders kept 30 s,
# everything else passed; first_byte_timeout 3s. The lines between PUSH-BEGIN
# and PUSH-END are the "config push" (varnishd restarted with them, and with
# http_req_hdr_len=1024).
vcl 4.1;
backend ostrey { .host = "127.0.0.1"; .port = "63415"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
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
