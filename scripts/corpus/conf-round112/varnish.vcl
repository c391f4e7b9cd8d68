# Varnish 7.1 for the round-112 corpus: one varnishd, four listening ports,
# the backend chosen by the port the request came in on:
#   62601 -> Express 4.22 (apps112/express_app.js, 62701)
#   62603 -> Flask 3.1 under waitress (apps112/flask_app.py, 62703)
#   62606 -> Sinatra 3.0 on Puma (apps112/sinatra.ru, 62706)
#   62605 -> Django 5.2 on gunicorn (apps112/django_app.py, 62705); HAProxy
#            (62615) sits in front of this port.
# What the apps mark public is cached (item 1 for 300 s, item 9's 404 for
# 120 s, /api/rates for 2 s); 200s get grace 1 h, so a stale copy is served
# while the app is down. The built-in VCL does the rest (HTTP/1.1 without
# Host: synth 400). PURGE synth 405; /admin/ synth 403; first_byte_timeout
# 3 s. X-Cache HIT/MISS and the xid as X-Request-ID on every answer. No
# custom synth or error pages.
vcl 4.1;
import std;
backend fernhill { .host = "127.0.0.1"; .port = "62701"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
backend birchmoor { .host = "127.0.0.1"; .port = "62703"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
backend kestrel { .host = "127.0.0.1"; .port = "62705"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
backend osprey { .host = "127.0.0.1"; .port = "62706"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (std.port(server.ip) == 62603) {
        set req.backend_hint = birchmoor;
    } elsif (std.port(server.ip) == 62605) {
        set req.backend_hint = kestrel;
    } elsif (std.port(server.ip) == 62606) {
        set req.backend_hint = osprey;
    } else {
        set req.backend_hint = fernhill;
    }
    if (req.method == "PURGE") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/admin/") {
        return (synth(403, "Forbidden"));
    }
}
sub vcl_backend_response {
    if (beresp.status == 200) {
        set beresp.grace = 1h;
    }
}
sub vcl_deliver {
    set resp.http.X-Request-ID = req.xid;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
sub vcl_synth {
    set resp.http.X-Request-ID = req.xid;
}
sub vcl_backend_error {
    set beresp.http.X-Request-ID = bereq.xid;
}
