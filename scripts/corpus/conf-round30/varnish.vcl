vcl 4.1;
# Varnish 7.1 for the round-30 corpus, in front of Express with
# express-rate-limit (48018), with vsthrottle from varnish-modules 0.20 as
# its docs show it: more than 3 searches in 10 s from one client ->
# the builtin synth page with 429 for 15 s; more than 2 quotes in 10 s ->
# a JSON synth 429 with Retry-After. Everything under /api/ is passed.
import vsthrottle;

backend default {
    .host = "127.0.0.1";
    .port = "48018";
    .first_byte_timeout = 2s;
}

sub vcl_recv {
    if (req.url ~ "^/api/search" && vsthrottle.is_denied("search:" + client.identity, 3, 10s, 15s)) {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/api/orders/" && vsthrottle.is_denied("orders:" + client.identity, 2, 10s, 15s)) {
        return (synth(729, "Too Many Requests"));
    }
    if (req.url ~ "^/api/") {
        return (pass);
    }
}

sub vcl_synth {
    if (resp.status == 729) {
        set resp.status = 429;
        set resp.reason = "Too Many Requests";
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "15";
        set resp.body = {"{"error":"rate_limited","message":"Too many requests, slow down.","retry_after":15}"} + {"
"};
        return (deliver);
    }
    if (resp.status == 429) {
        set resp.http.Retry-After = "15";
    }
}
