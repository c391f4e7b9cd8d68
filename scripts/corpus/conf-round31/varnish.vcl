vcl 4.1;
# Varnish for the round-31 corpus, 127.0.0.1:49080, in front of nginx
# (49052) in front of Sinatra under Puma. The builtin VCL does the rest;
# X-Cache says HIT or MISS; /legacy/ goes to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "49052";
    .first_byte_timeout = 10s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "49097";
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
