vcl 4.1;
# Varnish 7.1 for the round-27 corpus, 127.0.0.1:45075, straight in front of
# the Tomcat 10 servlet (45011): the builtin VCL does the rest; X-Cache says
# HIT or MISS; first_byte_timeout 2s; /legacy/ goes to a backend that is not
# running.
backend default {
    .host = "127.0.0.1";
    .port = "45011";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "45095";
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
