vcl 4.1;
# Varnish for the round-11 corpus, 127.0.0.1:29070, in front of the JDK app.
# The payments backend has a health probe on a URL that answers 503, so it
# is sick and Varnish answers 503 itself; the apps' errors are passed with
# beresp.uncacheable; X-Cache says HIT or MISS; a cached entry answers a
# matching If-None-Match with Varnish's own 304.
probe ok {
    .url = "/api/health";
    .interval = 1s;
    .timeout = 1s;
    .window = 2;
    .threshold = 1;
    .initial = 1;
}
probe pay {
    .url = "/api/unavailable";
    .interval = 1s;
    .timeout = 1s;
    .window = 2;
    .threshold = 1;
    .initial = 0;
}
backend orders {
    .host = "127.0.0.1";
    .port = "29010";
    .probe = ok;
}
backend payments {
    .host = "127.0.0.1";
    .port = "29010";
    .probe = pay;
}
sub vcl_recv {
    if (req.url ~ "^/payments/") {
        set req.backend_hint = payments;
        set req.url = regsub(req.url, "^/payments", "");
    } else {
        set req.backend_hint = orders;
    }
}
sub vcl_backend_response {
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
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
