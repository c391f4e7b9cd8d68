# Varnish 7.1 for the round-75 corpus: in front of the Starlette shipments API
# under uvicorn (61217). The team caches only /api/shipments/ (a 2 s TTL
# for a 200 with 1 h of grace, Varnish's default TTL for the rest it
# stores, such as a 404) and passes everything else. The backend is
# probed: GET /healthz every 1 s, healthy when 2 of the last 3 answered 200.
# No request id; an X-Cache header (HIT/MISS) on what it delivers.
vcl 4.1;

probe healthz {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend default {
    .host = "127.0.0.1";
    .port = "61217";
    .first_byte_timeout = 3s;
    .probe = healthz;
}

sub vcl_recv {
    if (req.url !~ "^/api/shipments/") {
        return (pass);
    }
}

sub vcl_backend_response {
    if (bereq.url ~ "^/api/shipments/" && beresp.status == 200) {
        set beresp.ttl = 2s;
        set beresp.grace = 1h;
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
