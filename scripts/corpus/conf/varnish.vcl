vcl 4.1;
# Varnish for the corpus (listens on 127.0.0.1:18300, set on the command line).

backend app   { .host = "127.0.0.1"; .port = "18000"; .connect_timeout = 1s; .first_byte_timeout = 2s; .between_bytes_timeout = 2s; }
backend slow  { .host = "127.0.0.1"; .port = "18001"; .connect_timeout = 1s; .first_byte_timeout = 2s; .between_bytes_timeout = 2s; }
backend flaky { .host = "127.0.0.1"; .port = "18002"; .connect_timeout = 1s; .first_byte_timeout = 2s; .between_bytes_timeout = 2s; }
backend dead  { .host = "127.0.0.1"; .port = "18009"; .connect_timeout = 1s; .first_byte_timeout = 2s; .between_bytes_timeout = 2s; }
# nginx on 18101 proxies to a dead port: its 502 page travels back through varnish
backend nginx_chain { .host = "127.0.0.1"; .port = "18101"; .connect_timeout = 1s; .first_byte_timeout = 3s; }

sub vcl_recv {
    if (req.url ~ "^/internal/") {
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/maint/") {
        return (synth(503, "Down for maintenance"));
    }
    if (req.url ~ "^/dead/") {
        set req.backend_hint = dead;
    } elsif (req.url ~ "^/slow/") {
        set req.backend_hint = slow;
    } elsif (req.url ~ "^/flaky/") {
        set req.backend_hint = flaky;
    } elsif (req.url ~ "^/chain/") {
        set req.backend_hint = nginx_chain;
    } else {
        set req.backend_hint = app;
    }
}

sub vcl_synth {
    if (resp.status == 503 && req.url ~ "^/maint/") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "300";
        synthetic({"<!DOCTYPE html>
<html><head><title>Scheduled maintenance</title></head>
<body><h1>We'll be right back</h1>
<p>The shop is down for scheduled maintenance. Please try again in a few minutes.</p>
</body></html>
"});
        return (deliver);
    }
}
