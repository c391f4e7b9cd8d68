# Varnish 7.1 for the round-115 corpus: in front of Fastify 4 on Node
# (apps101/fastify_app.js, BRAND=Tidewater, 60212), listening on 60303.
# What the app marks public is cached (ticket 1 and /api/rates for 60 s);
# 200s get grace 1 h. /admin/ synth 403 (the built-in synth page);
# /api/maintenance/ synth 503 written as JSON by vcl_synth (Varnish's own
# JSON); first_byte_timeout 3 s. X-Cache HIT/MISS on every delivered answer.
# Varnish's own Via on everything it delivers.
vcl 4.1;
backend tidewater { .host = "127.0.0.1"; .port = "60212"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/maintenance/") {
        return (synth(503, "Maintenance"));
    }
}
sub vcl_backend_response {
    if (beresp.status == 200) {
        set beresp.grace = 1h;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
sub vcl_synth {
    if (resp.status == 503 && resp.reason == "Maintenance") {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "600";
        set resp.body = {"{"error":"maintenance","message":"ticket writes are paused for a database migration","xid":"} + req.xid + "}";
        return (deliver);
    }
}
