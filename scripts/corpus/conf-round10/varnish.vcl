vcl 4.1;
# Varnish behind stunnel (TLS) for the round-10 corpus. 127.0.0.1:28071;
# stunnel terminates TLS on 28070 and connects here. Total.js's catalog is
# cached 30 s; /dead/ goes to a backend that refuses (a JSON synthetic 503
# from vcl_backend_error); /internal/ is refused in vcl_recv with a JSON 403;
# X-Cache says HIT or MISS; the backends' Server and X-Powered-By are removed.
import std;

backend total { .host = "127.0.0.1"; .port = "28031"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend dead { .host = "127.0.0.1"; .port = "28009"; .connect_timeout = 1s; }

sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/dead/") {
        set req.backend_hint = dead;
    } else {
        set req.backend_hint = total;
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/api/catalog") {
        set beresp.ttl = 30s;
        unset beresp.http.Cache-Control;
        unset beresp.http.Expires;
        unset beresp.http.Vary;
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "application/json";
    set beresp.http.Retry-After = "5";
    set beresp.body = {"{"xid":""} + bereq.xid + {"","error":"backend_unavailable","message":"the origin could not be reached","retry_after":5}
"};
    return (deliver);
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    set resp.body = {"{"xid":""} + req.xid + {"","error":"forbidden","message":""} + resp.reason + {"","status":"} + resp.status + {"}
"};
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
    unset resp.http.Server;
    unset resp.http.X-Powered-By;
}
