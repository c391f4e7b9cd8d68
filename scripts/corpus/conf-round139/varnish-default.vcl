# Varnish 7.1 for the round-139 corpus, setup bottle-granian-varnish-r139:
# the stock builtin VCL (nothing in vcl_recv, vcl_synth or
# vcl_backend_error), one backend with a 3 s first-byte timeout, and grace:
# every object is kept 30 s past its TTL, so an expired copy is served while
# the backend is down. 60393 -> Bottle (apps139/bottle139.py) on Granian (60493).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "60493";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
    .between_bytes_timeout = 3s;
}

sub vcl_backend_response {
    set beresp.grace = 30s;
}
