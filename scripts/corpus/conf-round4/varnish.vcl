vcl 4.1;
# Varnish for the round-4 corpus (127.0.0.1:22082, set on the command line).
# In FRONT of Hono and restify, passing everything (no caching): it relays the
# apps' answers with its own Via and X-Varnish.
backend hono    { .host = "127.0.0.1"; .port = "22064"; .connect_timeout = 1s; .first_byte_timeout = 2s; }
backend restify { .host = "127.0.0.1"; .port = "22061"; .connect_timeout = 1s; .first_byte_timeout = 2s; }

sub vcl_recv {
    if (req.url ~ "^/restify/") {
        set req.backend_hint = restify;
    } else {
        set req.backend_hint = hono;
    }
    return (pass);
}
