# Varnish 7.1 for the round-114 corpus (round 112's file, one backend):
# in front of FastAPI on Granian (ASGI, apps108/fastapi_app.py, 62015).
# 200s get grace 1 h. PURGE synth 405; /admin/ synth 403; first_byte_timeout
# 3 s. X-Cache HIT/MISS and the xid as X-Request-ID on every answer. No
# custom synth or error pages.
vcl 4.1;
backend quillon { .host = "127.0.0.1"; .port = "62015"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
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
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
