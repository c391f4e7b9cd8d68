vcl 4.1;
# Varnish for the round-36 corpus, 127.0.0.1:54450, in front of nginx
# (54110) in front of CherryPy (54070). The builtin VCL decides what is
# cached (the product list says Cache-Control: public, max-age=60); the
# only additions are an X-Cache header and a backend timeout of 3 s
# (nginx's 2 s fires first). /legacy/ goes to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "54110";
    .first_byte_timeout = 3s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "54093";
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
