vcl 4.1;
# Varnish 7.1 for the round-37 corpus, 127.0.0.1:54575, in front of
# Sinatra under Puma (54515): the builtin VCL, first_byte_timeout 2s and
# between_bytes_timeout 2s (set on the command line), an X-Cache header;
# /reports/ goes to the legacy http.server service, /billing/ to a port
# where nothing listens.
backend default {
    .host = "127.0.0.1";
    .port = "54515";
}
backend reports {
    .host = "127.0.0.1";
    .port = "54511";
}
backend billing {
    .host = "127.0.0.1";
    .port = "54519";
}
sub vcl_recv {
    if (req.url ~ "^/reports/") {
        set req.backend_hint = reports;
        return (pass);
    }
    if (req.url ~ "^/billing/") {
        set req.backend_hint = billing;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
