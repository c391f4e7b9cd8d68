# Varnish 7.1 for the round-48 corpus: the builtin VCL (no WebSocket pipe
# recipe, so an Upgrade is not passed on), in front of Express (58410);
# /legacy/ to an upstream that prints junk; X-Cache HIT/MISS.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "58410";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58416";
    .first_byte_timeout = 2s;
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
