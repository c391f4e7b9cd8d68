vcl 4.1;
# Varnish 7.1 for the round-32 corpus, 127.0.0.1:50060: the middle hop of
# HAProxy -> Varnish -> nginx (50090) -> Express. The builtin VCL does the
# rest; first_byte_timeout 3s (15s for /api/exports/); probes for /.git and
# /wp- get a synth 404; X-Cache says HIT or MISS.
backend default {
    .host = "127.0.0.1";
    .port = "50090";
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (req.url ~ "^/(\.git|\.env|wp-)") {
        return (synth(404));
    }
}
sub vcl_backend_fetch {
    if (bereq.url ~ "^/api/exports/") {
        set bereq.first_byte_timeout = 15s;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
