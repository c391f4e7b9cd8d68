# Varnish 7.1 for the round-101 corpus, in front of the Berth tickets API on
# Express 4.22 (apps101/express_app.js, 127.0.0.1:63015), plain HTTP :63455:
#   - xid as X-Request-ID on every answer; X-Cache HIT/MISS;
#   - caches what the app marks public (ticket 1, /api/rates, 60 s); errors
#     without `public` are not stored; Authorization requests pass;
#   - PURGE: synth 405; /internal/: a branded synth 403;
#   - first_byte_timeout 3s; a dead or resetting backend: stock
#     "Backend fetch failed" 503 (no vcl_backend_error);
#   - stock http_req_hdr_len 8k (a bigger header: Varnish's own 400).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "63015";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
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
    if (beresp.status >= 400 && beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
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
    if (resp.status == 403) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        synthetic({"<!DOCTYPE html>
<html><head><title>Access denied</title></head>
<body><h1>Access denied</h1><p>Berth edge: this path is not served to the public.</p><p>Reference: "} + req.xid + {"</p></body></html>
"});
        return (deliver);
    }
}
