vcl 4.1;
# Varnish 7.1 for the round-45 corpus, 127.0.0.1:58180, in front of Feathers
# (58116): the builtin VCL does the rest (only GET/HEAD without cookies or
# Authorization are looked up), an X-Cache header, first_byte_timeout 2 s,
# a synth 403 on /internal/, /legacy/ to a backend that is not running.
backend default {
    .host = "127.0.0.1";
    .port = "58116";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58109";
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
