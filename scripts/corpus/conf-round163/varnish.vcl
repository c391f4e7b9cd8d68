vcl 4.1;
# Round 163, setup django-gunicorn-triage-varnish-r163: Varnish 7.1 (127.0.0.1:60105) -> Django on
# gunicorn (127.0.0.1:60205, apps163/django_app.py). Nothing cached (every /api/ request passed,
# If-None-Match included); first_byte_timeout 3s (Varnish's "Backend fetch failed" 503); bodies
# over 1 KB: a synth 413; a path outside /api/: a synth 404 (Varnish's guru page); xid as
# X-Request-ID on every answer.
import std;
backend moorfield {
    .host = "127.0.0.1";
    .port = "60205";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    if (std.integer(req.http.Content-Length, 0) > 1024) {
        return (synth(413, "Payload Too Large"));
    }
    if (req.url !~ "^/api/") {
        return (synth(404, "Not Found"));
    }
    set req.http.X-Request-ID = req.xid;
    return (pass);
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
