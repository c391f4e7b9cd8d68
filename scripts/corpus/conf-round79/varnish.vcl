# Round 79: Varnish 7.1 as the one front (and cache) of a small company's
# box, choosing the backend in vcl_recv by HOST, as the Varnish docs'
# "multiple backends" example does:
#   api.hollis.test  -> Go net/http (127.0.0.1:61651)
#   shop.hollis.test -> FastAPI on uvicorn (127.0.0.1:61652)
# any other Host: synth(404) from vcl_recv. The builtin VCL otherwise
# (GET/HEAD cached when the app marks them cacheable). first_byte_timeout
# 3s; no probes.
vcl 4.1;

backend go_api {
    .host = "127.0.0.1";
    .port = "61651";
    .first_byte_timeout = 3s;
}

backend fastapi_shop {
    .host = "127.0.0.1";
    .port = "61652";
    .first_byte_timeout = 3s;
}

sub vcl_recv {
    if (req.http.host ~ "^api\.hollis\.test(:[0-9]+)?$") {
        set req.backend_hint = go_api;
    } elsif (req.http.host ~ "^shop\.hollis\.test(:[0-9]+)?$") {
        set req.backend_hint = fastapi_shop;
    } else {
        return (synth(404, "Unknown site"));
    }
}
