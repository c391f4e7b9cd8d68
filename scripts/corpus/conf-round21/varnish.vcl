vcl 4.1;
# Varnish for the round-21 corpus, two listening sockets (plain HTTP):
#   sinatra  127.0.0.1:39060 -> Sinatra under Puma (39013), first_byte_timeout 2s
#   billing  127.0.0.1:39061 -> nginx (39091) -> PHP-FPM (39014),
#            first_byte_timeout 4s, but 1s for /api/exports/ (set per request)
# The builtin logic otherwise, a /legacy/ backend that is not running, a synth
# 403 for /internal/ and the PURGE guard (405), X-Cache on the way out. Error
# pages stay Varnish's stock ones ("Backend fetch failed", guru meditation).
backend sinatra {
    .host = "127.0.0.1";
    .port = "39013";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend billing_nginx {
    .host = "127.0.0.1";
    .port = "39091";
    .connect_timeout = 1s;
    .first_byte_timeout = 4s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "39099";
}

acl purgers {
    "10.0.0.0"/8;
}

sub vcl_recv {
    if (local.socket == "billing") {
        set req.backend_hint = billing_nginx;
    } else {
        set req.backend_hint = sinatra;
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

sub vcl_backend_fetch {
    if (bereq.url ~ "^/api/exports/") {
        set bereq.first_byte_timeout = 1s;
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
