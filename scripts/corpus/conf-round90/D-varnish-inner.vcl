# Round 90, setup nginx-varnish-fastapi-r90: the INNER hop. Varnish 7.1
# caching for FastAPI on uvicorn (56514), behind nginx (D-nginx-outer.conf).
# What the team added: /api/orders/ cached (max-age=2, grace 1 h), errors not
# kept, other paths passed; /internal/ refused (a synth 403); X-Cache;
# first_byte_timeout 3s. Its pages are stock.
vcl 4.1;

backend api {
    .host = "127.0.0.1";
    .port = "56514";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
}

sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url !~ "^/api/orders/") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
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
