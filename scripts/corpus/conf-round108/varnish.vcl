# Round 108 (round 95's file, the app and port changed): Varnish with its builtin VCL and nothing but a backend (the FastAPI
# app on uvicorn). first_byte_timeout 3s is the
# upstream timeout every front has this round.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "62015";
    .first_byte_timeout = 3s;
}
