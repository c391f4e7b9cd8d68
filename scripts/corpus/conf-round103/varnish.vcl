# Varnish 7.1 for the round-103 corpus: in front of a plain Rack app on Puma
# (apps103/rack_app.ru, 62206), the Orrin timetable API. What the app marks
# public is cached (route 1 for 60 s, /api/rates for 1 s, a route 404 for
# 30 s), with grace 1 h on 200s. The xid as X-Request-ID on every answer;
# X-Cache HIT/MISS; PURGE answered synth 405; /internal/ synth 403;
# first_byte_timeout 2 s. Varnish's built-in "Backend fetch failed" and
# synth pages.
vcl 4.1;
backend orrin {
    .host = "127.0.0.1";
    .port = "62206";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
sub vcl_recv {
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/internal/") {
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
