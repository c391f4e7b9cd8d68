# Round 78: Varnish 7.1 in front of a POOL of two Go net/http replicas, written
# the way the vmod_directors docs show it: two backends, each with a health
# probe on /healthz (every 1 s, window 3, threshold 2), gathered in a
# directors.round_robin() in vcl_init and used as the backend hint for every
# request. /healthz itself is passed (never cached). The rest is the builtin
# VCL: no retry on a failed fetch (no return (retry)), so a fetch that fails
# on the replica picked gets the builtin "Backend fetch failed" 503, and a
# replica's own answer, whatever its status, is delivered as it came.
# first_byte_timeout 3s is the upstream timeout (the handlers' /api/slow
# waits 5 s).
vcl 4.1;

import directors;

probe healthz {
    .url = "/healthz";
    .timeout = 1s;
    .interval = 1s;
    .window = 3;
    .threshold = 2;
}

backend go1 {
    .host = "127.0.0.1";
    .port = "61551";
    .first_byte_timeout = 3s;
    .probe = healthz;
}

backend go2 {
    .host = "127.0.0.1";
    .port = "61552";
    .first_byte_timeout = 3s;
    .probe = healthz;
}

sub vcl_init {
    new bramble = directors.round_robin();
    bramble.add_backend(go1);
    bramble.add_backend(go2);
}

sub vcl_recv {
    set req.backend_hint = bramble.backend();
    if (req.url == "/healthz") {
        return (pass);
    }
}
