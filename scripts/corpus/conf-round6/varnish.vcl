vcl 4.1;
# Varnish for the round-6 corpus: a cache that names itself nowhere (no Via,
# no X-Varnish, no Server), in front of gin (24010). 127.0.0.1:24058 only.
import std;
backend gin { .host = "127.0.0.1"; .port = "24010"; .connect_timeout = 2s; .first_byte_timeout = 2s; }
backend dead { .host = "127.0.0.1"; .port = "24009"; .connect_timeout = 1s; }

sub vcl_recv {
    if (req.url ~ "^/dead/") {
        set req.backend_hint = dead;
        return (pass);
    }
    set req.backend_hint = gin;
    if (req.url ~ "^/maint") { return (synth(503, "Maintenance")); }
}
sub vcl_backend_response {
    set beresp.grace = 1h;
}
sub vcl_backend_error {
    set beresp.http.Content-Type = "application/json";
    set beresp.http.Retry-After = "10";
    synthetic("""{"error":"upstream_unavailable","message":"please retry shortly"}
""");
    return (deliver);
}
sub vcl_synth {
    unset resp.http.Server;
    unset resp.http.X-Varnish;
    set resp.http.Content-Type = "application/json";
    synthetic("""{"error":"maintenance","message":"back at 14:00 UTC"}
""");
    return (deliver);
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
}
