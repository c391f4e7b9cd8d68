vcl 4.1;
# Varnish for the round-42 corpus: the builtin VCL as it comes, one backend,
# first_byte_timeout cut to 3s, and an X-Cache header (the one line most
# teams add first).
backend default {
    .host = "127.0.0.1";
    .port = "57030";
    .first_byte_timeout = 3s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
