# Varnish 7.1 for the round-139 corpus, setup quart-uvicorn-varnish-r139: a
# VCL whose errors are a synthetic JSON body written in VCL (vcl_synth for
# Varnish's own refusals, vcl_backend_error for a backend that fails or is
# too slow). 60394 -> Quart (apps139/quart139.py) on uvicorn (60494).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "60494";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
    .between_bytes_timeout = 3s;
}

sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    set resp.http.Cache-Control = "no-store";
    set resp.body = {"{"error":{"code":"} + resp.status + {","message":""} + resp.reason + {"","request":""} + req.xid + {"""} + "}}";
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "application/json";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = {"{"error":{"code":503,"message":"upstream unavailable","request":""} + bereq.xid + {"""} + "}}";
    return (deliver);
}
