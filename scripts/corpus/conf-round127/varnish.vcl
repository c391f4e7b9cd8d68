# Varnish 7.1 for the round-127 corpus:
#   60105 api.sorrel.test -> FastAPI on Daphne (apps127/fastapi_app.py, 60205)
# Stock guru-meditation pages for Varnish's own errors. What the app marks
# public is cached (order 1 and order 999's JSON 404, 30 s); the xid as
# X-Request-ID sent to the app (it echoes it) and set on every answer
# (vcl_deliver, vcl_synth); X-Cache HIT/MISS; first_byte_timeout 3 s.
vcl 4.1;
backend sorrel { .host = "127.0.0.1"; .port = "60205"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    set req.backend_hint = sorrel;
    set req.http.X-Request-ID = req.xid;
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
