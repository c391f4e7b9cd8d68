vcl 4.1;
# Varnish 7 for the round-53 corpus, 127.0.0.1:58990 (HTTP/1.1, and h2c with
# `-p feature=+http2`), in front of Go's net/http catalog (58912) and, for
# /shop/ (rewritten to /api/), a second instance of it (58916). The builtin VCL
# underneath; X-Varnish, Via and Age left as Varnish sets them, X-Cache added.
# Objects get a grace of 1 h (served stale while the backend fails; a failed
# background fetch, or a 5xx one, is abandoned so the stale copy stays). The
# app's 500 for /api/reports/ is kept for the max-age it sends (a cached
# error). /shop/ catalog objects are kept 1 h past their ttl (keep) with no
# grace, so Varnish revalidates them with a conditional fetch.
# Synthetic answers: /admin/ 403, PURGE from outside the ACL 405, a scanner's
# User-Agent 429 (JSON), /api/exports/ a JSON maintenance 503, BAN from outside
# the ACL 403.
# first_byte_timeout 2s; /legacy/ goes to a backend that is not running.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "58912";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend shop {
    .host = "127.0.0.1";
    .port = "58916";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58919";
}

acl purgers {
    "10.0.0.0"/8;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Ban not allowed"));
        }
        ban("req.url ~ " + req.url);
        return (synth(200, "Ban added"));
    }
    if (req.http.User-Agent ~ "(?i)sqlmap|nikto") {
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports/") {
        return (synth(503, "Maintenance"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    } elsif (req.url ~ "^/shop/") {
        set req.backend_hint = shop;
        set req.url = regsub(req.url, "^/shop/", "/api/");
    }
}

sub vcl_hash {
    # /shop/ is rewritten to /api/: keep the two apps' objects apart
    if (req.backend_hint == shop) {
        hash_data("shop");
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status == 500 && bereq.url ~ "^/api/reports/") {
        set beresp.ttl = 30s;
        set beresp.grace = 0s;
        return (deliver);
    }
    if (bereq.backend == shop && bereq.url ~ "^/api/catalog") {
        set beresp.grace = 0s;
        set beresp.keep = 1h;
        return (deliver);
    }
    set beresp.grace = 1h;
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        if (obj.ttl <= 0s) {
            set resp.http.X-Cache = "HIT-STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    if (resp.status == 429 || resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        if (resp.status == 429) {
            set resp.http.Retry-After = "120";
            set resp.body = {"{"error":"too_many_requests","message":"Automated scanning is not allowed.","xid":"} + req.xid + {"}
"};
        } else {
            set resp.http.Retry-After = "900";
            set resp.body = {"{"error":"maintenance","message":"Exports are paused during the nightly import.","xid":"} + req.xid + {"}
"};
        }
        return (deliver);
    }
}
