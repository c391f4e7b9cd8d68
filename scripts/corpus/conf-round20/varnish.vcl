# Varnish 7.1 for the round-20 corpus, in front of Fastify (38013) on
# 127.0.0.1:38050: the builtin logic (an answer without Cache-Control is kept
# for default_ttl, 120 s, errors included), first_byte_timeout 2s, the stock
# "Backend fetch failed" page left as it is, a /legacy/ backend that is not
# running, /api/imports/ closed for maintenance by a synth 503 with a JSON
# body, X-Cache on the way out.
vcl 4.1;

backend fastify {
    .host = "127.0.0.1";
    .port = "38013";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "38999";
}

sub vcl_recv {
    set req.backend_hint = fastify;
    if (req.url ~ "^/api/imports") {
        return (synth(503, "Maintenance"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_synth {
    if (resp.status == 503 && resp.reason == "Maintenance") {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "900";
        set resp.body = {"{"error": "maintenance", "message": "Imports are paused while the catalog is reindexed" }
"};
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
