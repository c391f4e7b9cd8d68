# Varnish 7.1 for the round-93 corpus: in front of Express 4
# (apps77/express_cached.js, 58206), the Ledgerly invoices API. What the app
# marks public is cached (invoice 1 for 60 s, /api/rates for 1 s, both with
# grace 1 h; the app's 404 for invoice 9 for 120 s); the built-in VCL keeps
# the rest as hit-for-miss. The xid as X-Request-ID on every answer; X-Cache
# HIT/MISS; PURGE answered synth 405; /admin/ synth 403; first_byte_timeout
# 3 s (Varnish's 503 for a slow answer). No custom synth or error pages:
# Varnish's built-in "Backend fetch failed" and synth pages.
vcl 4.1;
backend express {
    .host = "127.0.0.1";
    .port = "58206";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
}
sub vcl_backend_response {
    if (beresp.status == 200) {
        set beresp.grace = 1h;
    }
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
