vcl 4.1;
# Varnish 7.1.1 for the round-50 corpus, 127.0.0.1:58655 in front of the Go
# shipments API (58614): first_byte_timeout 2s, /api/ passed (not cached),
# /billing/ to a backend that is not running (58699), /internal/ and PURGE
# refused with synth answers in a JSON body, a vsthrottle rate limit on
# /api/track (JSON 429). Varnish's own "Backend fetch failed" page is kept.
import vsthrottle;

backend go {
    .host = "127.0.0.1";
    .port = "58614";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend billing {
    .host = "127.0.0.1";
    .port = "58699";
    .connect_timeout = 1s;
}

sub vcl_recv {
    set req.backend_hint = go;
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/track" && vsthrottle.is_denied(client.identity, 2, 60s)) {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/billing/") {
        set req.backend_hint = billing;
    }
    if (req.url ~ "^/api/") {
        return (pass);
    }
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    if (resp.status == 429) {
        set resp.http.Retry-After = "60";
    }
    synthetic({"{"error":""} + resp.reason + {"","request":""} + req.xid + {"""} + "}" + {"
"});
    return (deliver);
}
