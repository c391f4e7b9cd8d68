vcl 4.1;
# Varnish for the round-49 corpus, the default.vcl of the "put Varnish in
# front of your Node app" tutorials: one backend (Koa on 58518) with the
# tutorial's timeouts (first_byte_timeout cut to 2s), a PURGE method allowed
# only from the deploy host's ACL, cookies stripped on the public list, and
# an X-Cache header. /legacy/ goes to a backend that is not running.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "58518";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
    .between_bytes_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58590";
    .connect_timeout = 1s;
}

acl purge {
    "192.0.2.10";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purge) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
    if (req.url ~ "^/api/books") {
        unset req.http.Cookie;
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
