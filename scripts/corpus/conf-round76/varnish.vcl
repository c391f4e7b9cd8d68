# Round 76 (copied from round 73): Varnish 7.1 in front of the Go net/http app, refusing by its
# own VCL as Varnish's docs show it: an acl and `return (synth(403))` for
# /api/internal/, vmod_vsthrottle's example `return (synth(429, "Too Many
# Requests"))` for /api/exports/ (varnish-modules, Debian's package), and a
# second backend with a health probe (/healthz/reports answers 503, so the
# probe marks it sick: the builtin "Backend fetch failed" 503). The rest
# is the builtin VCL. first_byte_timeout 3s is the upstream timeout.
vcl 4.1;

import vsthrottle;

backend default {
    .host = "127.0.0.1";
    .port = "61319";
    .first_byte_timeout = 3s;
}

backend reports {
    .host = "127.0.0.1";
    .port = "61319";
    .probe = {
        .url = "/healthz/reports";
        .timeout = 1s;
        .interval = 1s;
        .window = 5;
        .threshold = 3;
    }
}

acl office {
    "10.0.0.0"/8;
}

sub vcl_recv {
    if (req.url ~ "^/api/internal/" && client.ip !~ office) {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/api/exports/" && vsthrottle.is_denied(client.identity, 3, 10s, 30s)) {
        # Client has exceeded 3 reqs per 10s: block for the next 30s.
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/api/reports/") {
        set req.backend_hint = reports;
    }
}
