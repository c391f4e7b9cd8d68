vcl 4.1;
# Varnish for the round-16 corpus, 127.0.0.1:34050 (plain HTTP), in front of
# FastAPI under uvicorn (34013), close to the VCL most teams start from: the
# builtin logic (OPTIONS and POST are passed), first_byte_timeout 2s, a
# legacy backend that is not running for /legacy/, a synth 403 for
# /internal/ and the usual PURGE guard (405 from anyone not in the ACL),
# X-Cache on the way out; Varnish's stock synth and "Backend fetch failed"
# pages are left as they are, and so are Via, X-Varnish and Age.
backend default {
    .host = "127.0.0.1";
    .port = "34013";
    .connect_timeout = 1s;
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "34009";
}

acl purgers {
    "10.0.0.0"/8;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
