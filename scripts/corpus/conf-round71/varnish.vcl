# Round 71: Varnish with its builtin VCL and nothing but a backend (the Go
# net/http app). first_byte_timeout 3s is the upstream timeout every front
# has this round.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "60819";
    .first_byte_timeout = 3s;
}
