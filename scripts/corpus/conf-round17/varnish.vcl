vcl 4.1;
# Varnish for the round-17 corpus, behind hitch: hitch terminates TLS on
# 127.0.0.1:35444 (ALPN h2 and http/1.1) and hands each connection to
# Varnish's PROXY-protocol listener (127.0.0.1:35091); Varnish runs with
# HTTP/2 on (`-p feature=+http2`) and also has a plain listener
# (127.0.0.1:35090). In front of Express. Set up the way the hitch and
# Varnish docs pair them: vmod_proxy tells Varnish the client came over TLS
# (X-Forwarded-Proto, HSTS), grace and keep of an hour (a stale copy while the
# app is down; a 304 from the store), first_byte_timeout 2s, X-Cache, and
# Varnish's stock Via, X-Varnish and "Guru Meditation" pages left as they are.
import proxy;

backend default {
    .host = "127.0.0.1";
    .port = "35011";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "35019";
    .connect_timeout = 1s;
}

sub vcl_recv {
    if (proxy.is_ssl()) {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    set beresp.keep = 1h;
}

sub vcl_backend_error {
    # a failed background fetch must not replace the copy kept in grace
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
    if (proxy.is_ssl()) {
        set resp.http.Strict-Transport-Security = "max-age=31536000";
    }
}
