vcl 4.1;
# Varnish for the round-18 corpus, two listening sockets (plain HTTP):
#   django  127.0.0.1:36050 -> Django under gunicorn (36012), first_byte_timeout 2s
#   rails   127.0.0.1:36051 -> nginx (36091) -> Rails under Puma (36015),
#           first_byte_timeout 4s (nginx's own proxy_read_timeout is 2s)
# The builtin logic otherwise (OPTIONS and POST are passed, 404s are kept for
# the default TTL), a /legacy/ backend that is not running, a synth 403 for
# /internal/ and the usual PURGE guard, X-Cache on the way out. The team's
# one change to the error pages: vcl_backend_error answers with a branded
# HTML page (and a Retry-After) in place of "Backend fetch failed"; synth
# pages keep Varnish's stock text.
import std;

backend django {
    .host = "127.0.0.1";
    .port = "36012";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend rails_nginx {
    .host = "127.0.0.1";
    .port = "36091";
    .connect_timeout = 1s;
    .first_byte_timeout = 4s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "36099";
}

acl purgers {
    "10.0.0.0"/8;
}

sub vcl_recv {
    if (local.socket == "rails") {
        set req.backend_hint = rails_nginx;
    } else {
        set req.backend_hint = django;
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Acme Shop - we'll be right back</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#222;text-align:center;padding:4em 1em}h1{color:#d9480f}small{color:#888}</style>
</head>
<body>
<h1>We'll be right back</h1>
<p>The Acme Shop is having a short technical problem. Please try again in a few minutes.</p>
<p>If it keeps happening, contact <a href="mailto:support@acme.example">support@acme.example</a>.</p>
<p><small>Error "} + beresp.status + {" &middot; reference "} + bereq.xid + {"</small></p>
</body>
</html>
"});
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
