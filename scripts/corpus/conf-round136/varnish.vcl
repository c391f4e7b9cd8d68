# Varnish 7.1 for the round-136 corpus:
#   60105 api.juniperhill.test -> Hono 4 on Bun (apps136/hono_app.mjs, 60205)
# xid as X-Request-ID to the app and on every answer; X-Cache HIT/MISS;
# first_byte_timeout 3s; /api/bulk: Varnish's own JSON 429 (synth);
# vcl_backend_error: a branded HTML 503 page (app stopped or slow).
vcl 4.1;
backend juniperhill { .host = "127.0.0.1"; .port = "60205"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    set req.backend_hint = juniperhill;
    set req.http.X-Request-ID = req.xid;
    if (req.url == "/api/bulk") {
        return (synth(429, "Too Many Requests"));
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
    if (resp.status == 429) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "30";
        set resp.body = """{"ok":false,"status":429,"error":{"code":"edge_throttled","message":"bulk calls are throttled at the cache"},"request_id":""" + {"""} + req.xid + {"""} + {"}
"};
        return (deliver);
    }
}
sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.X-Request-ID = bereq.xid;
    set beresp.body = {"<!DOCTYPE html>
<html><head><title>Juniperhill is temporarily unavailable</title></head>
<body><h1>Juniperhill is temporarily unavailable</h1>
<p>Our edge could not fetch this page from the application. Please retry in a minute.</p>
<p>Edge reference: "} + bereq.xid + {"</p></body></html>
"};
    return (deliver);
}
