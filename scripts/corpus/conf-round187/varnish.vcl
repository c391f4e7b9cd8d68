vcl 4.1;
# Varnish 7.1 for the round-187 corpus:
#   60104 api.pellgate.test -> DRF 3.18 / Django 5.2 on gunicorn (apps156/drf_app.py, 60204)
# Every request passed (no caching); Varnish's xid as X-Request-ID to the app
# and on every answer; first_byte_timeout 3 s; a failed fetch (timeout, app
# down) is Varnish's stock "Backend fetch failed" 503 (builtin
# vcl_backend_error). App errors pass.
backend pell { .host = "127.0.0.1"; .port = "60204"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    set req.backend_hint = pell;
    set req.http.X-Request-ID = req.xid;
    return (pass);
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
