vcl 4.1;
# Varnish in front of Express (round 52): vcl_synth and vcl_backend_error
# answer in the same JSON shape as the app.
import std;

backend orders {
    .host = "127.0.0.1";
    .port = "58814";
    .first_byte_timeout = 2s;
    .connect_timeout = 1s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58849";
    .connect_timeout = 1s;
}

sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
        return (pass);
    }
    if (req.url !~ "^/api/") {
        return (synth(404, "Not Found"));
    }
    set req.backend_hint = orders;
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    synthetic({"{"error":{"code":""} + resp.reason + {"","message":"rejected at the edge","status":"} + resp.status + {"}}"});
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "application/json";
    set beresp.http.Retry-After = "30";
    synthetic({"{"error":{"code":"BACKEND_UNAVAILABLE","message":"the orders service did not answer","status":"} + beresp.status + {"}}"});
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
