vcl 4.1;
# Round 176, setup fastify-node-tollgate-varnish-r176: Varnish 7.1 (127.0.0.1:62675) -> Fastify 4
# on Node 20 (127.0.0.1:62775, apps176/fastify_app.js). /api/ requests are passed, except GETs of an
# /api/orders/ URL with a query string, which are cached (ttl 2s, grace 1h: a stale copy while
# the app is down; Varnish answers If-None-Match from the stored object with its own 304);
# first_byte_timeout 3s (Varnish's "Backend fetch failed" 503); bodies over 1 KB: a synth 413;
# /edge/limited and /edge/maintenance: JSON 429/503 synths; any other path outside /api/: a
# synth 404 (Varnish's guru page). No request id of Varnish's own (this round's "half without").
import std;
backend tollgate {
    .host = "127.0.0.1";
    .port = "62775";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (std.integer(req.http.Content-Length, 0) > 1024) {
        return (synth(413, "Payload Too Large"));
    }
    if (req.url == "/edge/limited") {
        return (synth(729, "Too Many Requests"));
    }
    if (req.url == "/edge/maintenance") {
        return (synth(703, "Service Unavailable"));
    }
    if (req.url !~ "^/api/") {
        return (synth(404, "Not Found"));
    }
    if (req.method == "GET" && req.url ~ "^/api/orders/[0-9]+\?") {
        return (hash);
    }
    return (pass);
}
sub vcl_backend_response {
    if (bereq.url ~ "^/api/orders/[0-9]+\?" && beresp.status == 200) {
        set beresp.ttl = 2s;
        set beresp.grace = 1h;
        return (deliver);
    }
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
sub vcl_synth {
    if (resp.status == 729) {
        set resp.status = 429;
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "30";
        set resp.body = {"{"error":"rate_limited","message":"Too many requests" }"};
        return (deliver);
    }
    if (resp.status == 703) {
        set resp.status = 503;
        set resp.http.Content-Type = "application/json";
        set resp.body = {"{"error":"maintenance","message":"Back soon" }"};
        return (deliver);
    }
}
