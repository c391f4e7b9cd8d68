vcl 4.1;
# Round 151, setup fastify-node-oncall-varnish-r151: Varnish 7.1 (127.0.0.1:60105) -> Fastify on
# Node (127.0.0.1:60205, apps151/fastify_app.js). Nothing cached (every request passed);
# first_byte_timeout 3s; bodies over 1 KB refused with a synth 413; xid as X-Request-ID everywhere.
import std;
backend tamsin {
    .host = "127.0.0.1";
    .port = "60205";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (std.integer(req.http.Content-Length, 0) > 1024) {
        return (synth(413, "Payload Too Large"));
    }
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
