# Varnish 7.1 for the round-122 corpus: the stock builtin VCL (nothing in
# vcl_recv, vcl_synth or vcl_backend_error), a backend with a 3 s first-byte
# timeout, and a TTL on 200s. One varnishd per setup (rendered with its
# backend port):
#   62203 -> Fastify 4 (apps101/fastify_app.js) on Bun (62213);
#   62204 -> Django 5.2 (apps108 via apps111/django_asgi.py) on Daphne (62214).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "@BPORT@";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
    .between_bytes_timeout = 3s;
}

sub vcl_backend_response {
    if (beresp.status == 200) {
        set beresp.ttl = 60s;
    }
}
