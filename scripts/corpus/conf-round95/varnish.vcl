# Round 95: Varnish with its builtin VCL and nothing but a backend (the chi
# app; round 71's file, the port changed). first_byte_timeout 3s is the
# upstream timeout every front has this round.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "59205";
    .first_byte_timeout = 3s;
}
