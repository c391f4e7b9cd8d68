vcl 4.1;
# Varnish 7.1 for the round-46 corpus, 127.0.0.1:58270, behind HAProxy
# (58266) and in front of Catalyst under Starman (58215). The builtin VCL
# does the rest; X-Cache says HIT or MISS; first_byte_timeout 2 s, 10 s for
# /reports/ (so HAProxy's 3 s fires first there); /legacy/ goes to a backend
# that is not running; /admin/ is refused with a synthetic 403.
backend catalyst {
    .host = "127.0.0.1";
    .port = "58215";
    .first_byte_timeout = 2s;
}
backend catalyst_reports {
    .host = "127.0.0.1";
    .port = "58215";
    .first_byte_timeout = 10s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58294";
}
sub vcl_recv {
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    } elsif (req.url ~ "^/reports/") {
        set req.url = regsub(req.url, "^/reports", "");
        set req.backend_hint = catalyst_reports;
    } else {
        set req.backend_hint = catalyst;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
