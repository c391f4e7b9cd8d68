vcl 4.1;
# Varnish for the round-33 corpus, 127.0.0.1:51090, in front of Flask under
# gunicorn (51010): the builtin VCL, first_byte_timeout 2 s (set on the
# command line), an X-Cache header; /reports/ goes to a backend that is not
# running.
backend default {
    .host = "127.0.0.1";
    .port = "51010";
    .first_byte_timeout = 2s;
}
backend reports {
    .host = "127.0.0.1";
    .port = "51099";
}
sub vcl_recv {
    if (req.url ~ "^/reports/") {
        set req.backend_hint = reports;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
