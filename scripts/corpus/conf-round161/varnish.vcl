# Varnish 7.1 for the round-161 corpus (round 157's config, ports moved from 601xx/602xx to 616xx/617xx): one varnishd, two listening ports,
# one backend:
#   61605 -> Django 5.2 on gunicorn 27 (apps130/django_wsgi.py serving apps113/django_app.py, 61705): stock
#            guru-meditation pages for its own errors
#   61615 -> the same app, Northwind's branded HTML for Varnish's own errors
#            (vcl_backend_error and vcl_synth)
# What the app marks public is cached (ticket 1 for 300 s, ticket 9's 404 for
# 120 s, /api/rates for 2 s); 200s get grace 1 h. Varnish's Via on what it
# passes on (its default). /admin/ synth 403; /api/export a JSON synth 429;
# /api/reports/ a JSON synth 503 (maintenance); first_byte_timeout 3 s.
# X-Cache HIT/MISS and the xid as X-Request-ID on every answer.
vcl 4.1;
import std;
backend kestrel { .host = "127.0.0.1"; .port = "61705"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    set req.backend_hint = kestrel;
    if (std.port(server.ip) == 61615) {
        set req.http.X-Branded = "1";
    } else {
        unset req.http.X-Branded;
    }
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url == "/api/export") {
        return (synth(729, "Too Many Requests"));
    }
    if (req.url ~ "^/api/reports/") {
        return (synth(703, "Service Unavailable"));
    }
}
sub vcl_backend_response {
    if (beresp.status == 200) {
        set beresp.grace = 1h;
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
    if (resp.status == 729) {
        set resp.status = 429;
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "3600";
        set resp.body = {"{"error":"rate_limited","message":"exports are limited to one per hour" }
"};
        return (deliver);
    }
    if (resp.status == 703) {
        set resp.status = 503;
        set resp.http.Content-Type = "application/json";
        set resp.http.Retry-After = "600";
        set resp.body = {"{"error":"maintenance","message":"reports are offline for scheduled maintenance" }
"};
        return (deliver);
    }
    if (req.http.X-Branded) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.body = {"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Something went wrong | Northwind Trading</title></head>
<body><main><h1>Something went wrong on our side</h1>
<p>Please try again in a few minutes. Status updates: status.northwind.example</p></main></body></html>
"};
        return (deliver);
    }
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
    if (bereq.http.X-Branded) {
        set beresp.http.Content-Type = "text/html; charset=utf-8";
        set beresp.body = {"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>We'll be right back | Northwind Trading</title></head>
<body><main><h1>We'll be right back</h1>
<p>Our service is temporarily unavailable. Status updates: status.northwind.example</p></main></body></html>
"};
        return (deliver);
    }
}
