vcl 4.1;
# Varnish 7.1 for the round-63 corpus, the middle of the chain
# nginx (TLS + HTTP/2 and plain) -> Varnish -> Flask under gunicorn
# (apps63/flask_cached.py, 60020). A cache the way one often sits behind an
# nginx TLS front: stock error pages ("Backend fetch failed", the builtin
# synth page), the default X-Varnish and Via, an X-Cache header; it sets no
# request id of its own (nginx adds X-Request-ID in front of it).
#   - /api/rates: ttl 1 s, grace 1 h (a stale copy while a fresh one is
#     fetched); other 200s: 60 s; errors are never stored;
#   - a stored object answers If-None-Match itself (304);
#   - /api/maintenance-window: synth 503 (the builtin "Service Unavailable"
#     page);
#   - /legacy/ to a port nobody listens on; first_byte_timeout 10s (longer
#     than nginx's 2 s, so for the slow handler nginx gives up first).
backend default {
    .host = "127.0.0.1";
    .port = "60020";
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "60099";
}

sub vcl_recv {
    if (req.url ~ "^/api/maintenance-window") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url ~ "^/api/rates") {
        set beresp.ttl = 1s;
        set beresp.grace = 1h;
        return (deliver);
    }
    set beresp.ttl = 60s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        if (obj.ttl < 0s) {
            set resp.http.X-Cache = "HIT-STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
