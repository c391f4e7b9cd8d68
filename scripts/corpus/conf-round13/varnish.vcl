vcl 4.1;
# Varnish for the round-13 corpus, 127.0.0.1:31075, in front of Apache
# (31063) in front of Express: the builtin VCL does the rest; X-Cache says
# HIT or MISS; /legacy/ goes to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "31063";
}
backend legacy {
    .host = "127.0.0.1";
    .port = "31009";
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
