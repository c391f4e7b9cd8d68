vcl 4.1;
# Varnish 7.1 for the round-51 corpus: behind hitch (TLS, HTTP/2, PROXY v2)
# in front of Fastify (58715). The builtin VCL does the rest. What the team
# added: a request id (Varnish's xid unless the client sent one) passed to
# the app and returned, gzip of JSON bodies, X-Cache, security headers, Via
# and X-Varnish removed, /internal/ refused with a synth 403, a vsthrottle
# 429 on the exports endpoint (3 per 10 s per client), first_byte_timeout 2s.
import vsthrottle;
import std;

backend fastify {
    .host = "127.0.0.1";
    .port = "58715";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}

sub vcl_recv {
    if (!req.http.X-Request-Id) {
        set req.http.X-Request-Id = "varnish-" + req.xid;
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports" && vsthrottle.is_denied(client.identity, 3, 10s)) {
        return (synth(429, "Too Many Requests"));
    }
}

sub vcl_backend_response {
    if (beresp.http.Content-Type ~ "json") {
        set beresp.do_gzip = true;
    }
}

sub vcl_deliver {
    set resp.http.X-Request-Id = req.http.X-Request-Id;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.Strict-Transport-Security = "max-age=31536000";
    set resp.http.X-Content-Type-Options = "nosniff";
    set resp.http.X-Frame-Options = "DENY";
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    set resp.http.X-Request-Id = req.http.X-Request-Id;
    set resp.http.Strict-Transport-Security = "max-age=31536000";
    if (resp.status == 429) {
        set resp.http.Retry-After = "10";
    }
}

sub vcl_backend_error {
    set beresp.http.X-Request-Id = bereq.http.X-Request-Id;
}
