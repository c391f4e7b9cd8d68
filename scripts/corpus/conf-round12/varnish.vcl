vcl 4.1;
# Varnish for the round-12 corpus, 127.0.0.1:30075, in front of nginx
# (30055) in front of Flask under gunicorn: the builtin VCL does the rest
# (200 and 404 cached, 5xx not); X-Cache says HIT or MISS; /legacy/ goes to
# a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "30055";
}
backend legacy {
    .host = "127.0.0.1";
    .port = "30009";
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
