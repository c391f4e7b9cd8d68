vcl 4.1;
# Varnish for the round-34 corpus, 127.0.0.1:52090 (plain HTTP, HTTP/2 on),
# behind hitch (52091, TLS), in front of the Go service (52015). The builtin
# VCL does the rest; X-Cache says HIT or MISS; first_byte_timeout 2s;
# /legacy/ goes to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "52015";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "52094";
}
sub vcl_recv {
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
