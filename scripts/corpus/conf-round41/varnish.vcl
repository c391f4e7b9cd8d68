vcl 4.1;
# Varnish 7.1 for the round-41 corpus: the builtin VCL in front of Express
# (56502), an X-Cache header, first_byte_timeout 2s; /billing/ goes to a
# backend that is not running.
backend default { .host = "127.0.0.1"; .port = "56502"; .first_byte_timeout = 2s; }
backend billing { .host = "127.0.0.1"; .port = "56507"; }
sub vcl_recv {
    if (req.url ~ "^/billing/") { set req.backend_hint = billing; }
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
