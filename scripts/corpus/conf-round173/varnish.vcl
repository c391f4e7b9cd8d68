vcl 4.1;
# Round 173, setup fastify-node-pager-varnish-r173: Varnish 7.1 (127.0.0.1:61735) -> Fastify on
# Node (127.0.0.1:61835, apps173/fastify_app.js). Nothing cached (every request passed);
# first_byte_timeout 3s (Varnish's 503 "Backend fetch failed"); the app down: the same 503.
# xid as X-Request-ID on every answer and upstream.
backend tamsin {
    .host = "127.0.0.1";
    .port = "61835";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    set req.http.X-Request-ID = req.xid;
    return (pass);
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
