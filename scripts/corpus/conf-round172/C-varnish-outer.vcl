# Round 172 (round 149's config, ports moved from 62xxx to 60xxx, another app), chain C (outer hop): Varnish 7.1 on 60503 before Squid (60403), which
# caches for Fastify on Node (60316). /api/orders/ kept 2 s + grace 1 h, 404s kept 30 s,
# other 4xx/5xx not kept; first_byte_timeout 8s, 2 s for /reports/ (mapped to /api/ on the way out:
# Squid does not map it); X-Cache HIT/MISS and its xid as X-Request-ID. Stock synth
# pages, plus a JSON 429 it writes itself for /api/bulk-export (vcl_synth).
vcl 4.1;

backend lb {
    .host = "127.0.0.1";
    .port = "60403";
    .connect_timeout = 1s;
    .first_byte_timeout = 8s;
}

sub vcl_recv {
    if (req.url ~ "^/api/bulk-export") {
        return (synth(429, "Too Many Requests"));
    }
    set req.backend_hint = lb;
    if (req.url !~ "^/api/orders/") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.url ~ "^/reports/") {
        set bereq.first_byte_timeout = 2s;
        set bereq.url = regsub(bereq.url, "^/reports/", "/api/");
    }
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    if (beresp.status == 404) {
        set beresp.ttl = 30s;
        return (deliver);
    }
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url ~ "^/api/orders/") {
        set beresp.ttl = 2s;
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
    if (resp.status == 429) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "60";
        set resp.body = {"{"error":"too_many_requests","message":"bulk export limit reached at the edge" }"};
        return (deliver);
    }
}
