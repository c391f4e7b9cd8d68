vcl 4.1;
# Varnish for the round-2 corpus (127.0.0.1:19300, set on the command line).
# /cache/ objects live 1 s with a 1 h grace: once the backend is stopped,
# Varnish serves the stale copy by itself. It answers If-None-Match itself
# on a hit (304). /jsondead/ gets a JSON error of Varnish's own making.

backend cacheapp { .host = "127.0.0.1"; .port = "19016"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend flask    { .host = "127.0.0.1"; .port = "19010"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend fapi     { .host = "127.0.0.1"; .port = "19012"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend dead     { .host = "127.0.0.1"; .port = "19009"; .connect_timeout = 1s; .first_byte_timeout = 2s; }

sub vcl_recv {
    if (req.url ~ "^/cache/") {
        set req.backend_hint = cacheapp;
        set req.url = regsub(req.url, "^/cache/", "/api/");
    } elsif (req.url ~ "^/flask/") {
        set req.backend_hint = flask;
        set req.url = regsub(req.url, "^/flask/", "/api/");
        return (pass);
    } elsif (req.url ~ "^/fastapi/") {
        set req.backend_hint = fapi;
        set req.url = regsub(req.url, "^/fastapi/", "/api/");
        return (pass);
    } else {
        set req.backend_hint = dead;
    }
}

sub vcl_backend_response {
    set beresp.ttl = 1s;
    set beresp.grace = 1h;
}

sub vcl_backend_error {
    if (bereq.url ~ "^/jsondead/") {
        set beresp.http.Content-Type = "application/json";
        synthetic({"{"xid":""} + bereq.xid + {"", "error": "backend_unavailable", "detail": "origin did not answer" }
"});
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
