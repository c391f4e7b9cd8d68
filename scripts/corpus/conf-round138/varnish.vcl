# Varnish 7.1 for the round-138 corpus: builtin VCL plus a few lines, as teams
# run it in front of an API:
#   62385 -> Express 4 on Node 20 (apps101/express_app.js, 62395)
# What the app marks public is cached (ticket 1 and /api/rates, max-age=60);
# the xid as X-Request-ID and X-Cache HIT/MISS on every answer; /internal/ a
# synth 403; first_byte_timeout 3 s (builtin 503 "Backend fetch failed").
# Stock guru-meditation pages.
vcl 4.1;
backend express { .host = "127.0.0.1"; .port = "62395"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
