# Varnish 7.1 for the round-104 corpus: round 87's VCL moved to 60105, now in
# front of the plain PHP orders API under php -S (127.0.0.1:60013). Order 1
# kept 1 s with 1 h grace; the app's 404 for order 9 kept 60 s; other errors
# passed and not stored; branded vcl_backend_error; synth 301/200/204/403/503.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "60013";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}

backend legacy {
    .host = "127.0.0.1";
    .port = "60499";
}

sub vcl_recv {
    if (req.http.host ~ "^www\.api\.saltmarsh\.test(:[0-9]+)?$") {
        return (synth(750, "Moved Permanently"));
    }
    if (req.http.host !~ "^api\.saltmarsh\.test(:[0-9]+)?$") {
        return (synth(404, "Not Found"));
    }
    if (req.url == "/healthz") {
        return (synth(200, "OK"));
    }
    if (req.method == "OPTIONS" && req.url ~ "^/api/") {
        return (synth(204, "No Content"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/(api/)?internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/refunds/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/api/legacy2/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    if (beresp.status == 404 && bereq.url == "/api/orders/9") {
        set beresp.ttl = 60s;
        return (deliver);
    }
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (bereq.url == "/api/orders/1") {
        set beresp.ttl = 1s;
        set beresp.grace = 1h;
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.X-Request-ID = bereq.xid;
    set beresp.http.Retry-After = "30";
    synthetic({"<!DOCTYPE html>
<html><head><title>Saltmarsh is temporarily unavailable</title></head>
<body><h1>We'll be right back</h1><p>Saltmarsh could not reach the orders service. Please try again in a moment.</p><p>Reference: "} + bereq.xid + {"</p></body></html>
"});
    return (deliver);
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
    if (resp.status == 750) {
        set resp.status = 301;
        set resp.http.Location = "http://api.saltmarsh.test:60105" + req.url;
        set resp.body = "";
        return (deliver);
    }
    if (resp.status == 200) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Cache-Control = "no-store";
        synthetic({"{"status":"ok","edge":"varnish" }"});
        return (deliver);
    }
    if (resp.status == 204) {
        set resp.http.Access-Control-Allow-Origin = "https://app.saltmarsh.test";
        set resp.http.Access-Control-Allow-Methods = "GET, POST, PUT, DELETE, OPTIONS";
        set resp.http.Access-Control-Max-Age = "86400";
        unset resp.http.Content-Type;
        set resp.body = "";
        return (deliver);
    }
    if (resp.status == 403) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        synthetic({"<!DOCTYPE html>
<html><head><title>Access denied</title></head>
<body><h1>Access denied</h1><p>This path is not available from the public edge.</p><p>Reference: "} + req.xid + {"</p></body></html>
"});
        return (deliver);
    }
    if (resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "3600";
        synthetic({"{"error":"maintenance","message":"refunds are paused for scheduled maintenance until 06:00 UTC","retry_after":3600}"});
        return (deliver);
    }
}
