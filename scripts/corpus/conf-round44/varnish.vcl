vcl 4.1;
# Varnish for the round-44 corpus: two listeners, `tc` (127.0.0.1:58075) in
# front of Tomcat and `jt` (127.0.0.1:58076) in front of Jetty; the builtin
# VCL does the rest. first_byte_timeout cut to 2 s; X-Cache says HIT or
# MISS; /legacy/ goes to a backend that is not running; PURGE only from the
# `purgers` ACL, as in the docs' example.
backend tomcat {
    .host = "127.0.0.1";
    .port = "58010";
    .first_byte_timeout = 2s;
}
backend jetty {
    .host = "127.0.0.1";
    .port = "58013";
    .first_byte_timeout = 2s;
}
backend legacy {
    .host = "127.0.0.1";
    .port = "58019";
}
acl purgers {
    "10.0.0.0"/8;
}
sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
    if (req.url ~ "^/legacy/") {
        set req.backend_hint = legacy;
    } else if (local.socket == "jt") {
        set req.backend_hint = jetty;
    } else {
        set req.backend_hint = tomcat;
    }
}
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
