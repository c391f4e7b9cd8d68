# Round 91: Varnish 7.1 (57105) in front of Flask on gunicorn (57115). Orders
# kept per their Cache-Control (2 s) with 1 h grace; other /api/ passed; only
# /api/ and /healthz are routed (anything else: synth 404); PURGE synth 405;
# X-Request-ID from the xid; first_byte_timeout 3s.
vcl 4.1;
backend larch {
    .host = "127.0.0.1";
    .port = "57115";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    set req.http.X-Request-ID = req.xid;
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url !~ "^/api/" && req.url !~ "^/healthz") {
        return (synth(404, "Not Found"));
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
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
