vcl 4.1;
# Varnish for the round-15 corpus, 127.0.0.1:33075, in front of Web::Simple
# under Starman (33015): the builtin VCL does the rest; first_byte_timeout
# 2s; X-Cache says HIT or MISS; /internal/ is refused with synth(403);
# /legacy/ goes to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "33015";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "33009";
}
sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
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
