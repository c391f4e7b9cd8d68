vcl 4.1;
# Varnish 7.1 for the round-24 corpus, 127.0.0.1:42075, in front of nginx
# (42051) in front of gin: the builtin VCL does the rest; X-Cache says HIT or
# MISS; first_byte_timeout 3s (nginx's /exports/ waits 10 s, so Varnish's
# fires first there); /legacy/ goes to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "42051";
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "42094";
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
