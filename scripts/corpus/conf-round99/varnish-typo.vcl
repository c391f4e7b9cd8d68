vcl 4.1;
# Round 99: the config change with a typo (backend port 60095 for 60015),
# else the same as varnish.vcl. Varnish 7.1 in front of the Larch orders API (apps99/sinatra_app.rb,
# Sinatra on Puma with ONE thread, 127.0.0.1:60015). A probe on /healthz
# (1 s, window 3, threshold 2). Orders are kept 2 s (the app's max-age) with
# 1 h grace, so a stale copy is served while the app is down or sick. The
# app's 404 for an order is kept 5 s with no grace (a HIT replays it); its
# other errors are not kept. Other paths pass. X-Cache HIT/MISS; the stock synth pages.
import std;

backend default {
    .host = "127.0.0.1";
    .port = "60095";
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
    if (req.url !~ "^/api/orders/[0-9]+$") {
        return (pass);
    }
}

sub vcl_backend_response {
    if (beresp.status == 404) {
        set beresp.ttl = 5s;
        set beresp.grace = 0s;
        return (deliver);
    }
    if (beresp.status >= 400) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.grace = 1h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
