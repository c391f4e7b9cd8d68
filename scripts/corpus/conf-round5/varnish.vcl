vcl 4.1;
# Varnish for the round-5 corpus (127.0.0.1:23043, set on the command line).
# A cache in front of the PHP origin under Apache (/api/catalog.php) and of
# Rails and Elysia (passed). Objects live 1 s with a 1 h grace: once the
# origin is stopped, Varnish serves the stale copy by itself. It answers
# If-None-Match itself on a hit (304). It also makes JSON answers of its own:
# a 429 for a client over quota (X-Client: greedy) and a 503 maintenance page.

import std;

backend php    { .host = "127.0.0.1"; .port = "23033"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend rails  { .host = "127.0.0.1"; .port = "23030"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend elysia { .host = "127.0.0.1"; .port = "23022"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend gw     { .host = "127.0.0.1"; .port = "23026"; .connect_timeout = 1s; .first_byte_timeout = 4s; }

sub vcl_recv {
    if (req.http.X-Client == "greedy") {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/maint/") {
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/php/") {
        set req.backend_hint = php;
        set req.url = regsub(req.url, "^/php/", "/");
        return (hash);
    }
    if (req.url ~ "^/rails/") {
        set req.backend_hint = rails;
        set req.url = regsub(req.url, "^/rails/", "/");
    } elsif (req.url ~ "^/gw/") {
        set req.backend_hint = gw;
        set req.url = regsub(req.url, "^/gw/", "/");
    } else {
        set req.backend_hint = elysia;
    }
    return (pass);
}

sub vcl_backend_response {
    set beresp.ttl = 1s;
    set beresp.grace = 1h;
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    if (resp.status == 429) {
        set resp.http.Retry-After = "60";
        synthetic({"{"error":"rate_limited","message":"request quota exceeded","xid":""} + req.xid + {"""} + "}" + {"
"});
    } else {
        set resp.http.Retry-After = "300";
        synthetic({"{"error":"maintenance","message":"the API is down for planned maintenance","xid":""} + req.xid + {"""} + "}" + {"
"});
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
