vcl 4.1;
# Round 188, setup express-node-triage-varnish-r188: Varnish 7.1 (127.0.0.1:63885) -> Express on
# Node (127.0.0.1:63985, apps188/express_app.js, /api/catalog added). /api/catalog is cached (ttl from the app's
# max-age, grace 1 h: HIT, Varnish's own 304 to If-None-Match, the stale copy when the app is
# down); every other /api/ request is passed. first_byte_timeout 3s ("Backend fetch failed" 503);
# bodies over 1 KB: a synth 413; a path outside /api/: a synth 404; /api/export: a JSON synth 429;
# /api/v2/: a JSON synth 503 (maintenance). xid as X-Request-ID on every answer, X-Cache HIT/MISS.
import std;
backend brackwater {
    .host = "127.0.0.1";
    .port = "63985";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (std.integer(req.http.Content-Length, 0) > 1024) {
        return (synth(413, "Payload Too Large"));
    }
    if (req.url !~ "^/api/") {
        return (synth(404, "Not Found"));
    }
    if (req.url == "/api/export") {
        return (synth(729, "rate_limited"));
    }
    if (req.url ~ "^/api/v2/") {
        return (synth(753, "maintenance"));
    }
    set req.http.X-Request-ID = req.xid;
    if (req.url == "/api/catalog" && req.method == "GET") {
        return (hash);
    }
    return (pass);
}
sub vcl_backend_response {
    if (bereq.url == "/api/catalog") {
        set beresp.grace = 1h;
    }
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
    if (resp.status == 729) {
        set resp.status = 429;
        set resp.reason = "Too Many Requests";
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "60";
        set resp.body = {"{"error":"rate_limited","message":"exports are limited to 1 per minute" }"} + {"
"};
        return (deliver);
    }
    if (resp.status == 753) {
        set resp.status = 503;
        set resp.reason = "Service Unavailable";
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "600";
        set resp.body = {"{"error":"maintenance","message":"the v2 API is down for maintenance" }"} + {"
"};
        return (deliver);
    }
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
