# Varnish 7.1 for the round-106 corpus: in front of FastAPI 0.165 on uvicorn
# (one worker; apps99/fastapi_app.py on 62706), the Quill orders API. What
# the app marks public is cached (order 1 for 2 s, with its ETag); 200s get
# grace 1 h (so a stale copy can be served while the app is down); the
# built-in VCL keeps the rest (the app's 404s 120 s). The xid as
# X-Request-ID on every answer; X-Cache HIT/MISS; PURGE answered synth 405;
# /admin/ synth 403; first_byte_timeout 3 s (Varnish's 503 for a slow
# answer). No custom synth or error pages. (Round 94's file with the port
# and names moved.)
vcl 4.1;
backend quill {
    .host = "127.0.0.1";
    .port = "62706";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
}
sub vcl_backend_response {
    if (bereq.url == "/healthz" && beresp.status == 200) {
        set beresp.ttl = 1s;
    }
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
