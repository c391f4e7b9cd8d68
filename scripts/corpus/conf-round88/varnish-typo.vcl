vcl 4.1;
# Round 88 (the typo: backend port 55595 for 55515, a second varnishd on 55705): Varnish 7.1 in front of the Tansy orders API (apps88/django_app.py,
# Django on gunicorn with ONE sync worker, 127.0.0.1:55515). A probe on
# /healthz (1 s, window 3, threshold 2). Orders are kept 2 s (the app's
# max-age) with 1 h grace, so a stale copy is served while the app is down
# or sick. Other paths pass. X-Cache HIT/MISS; the stock synth pages.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "55595";
    .connect_timeout = 1s;
    .first_byte_timeout = 3s;
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

sub vcl_recv {
    if (req.url !~ "^/api/orders/") {
        return (pass);
    }
}

sub vcl_backend_response {
    set beresp.grace = 1h;
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
