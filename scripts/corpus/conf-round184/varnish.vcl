# Round 184: round 168's config (round 147's; its history in conf-round168/, conf-round147/ and conf-round141/) with the ports moved (6284x fronts, 6294x apps), the host name api.brackenfold.test, and the app behind it changed: Django 5.2 on gunicorn (apps85/django_app.py) on 62944.
# the /static/ synth dropped, plus a synth 429 on /api/bulk/.
vcl 4.1;
import std;
backend brackenfold { .host = "127.0.0.1"; .port = "62944"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.url ~ "^/internal/") { return (synth(403, "Forbidden")); }
    if (req.url ~ "^/api/bulk/") { return (synth(429, "Too Many Requests")); }
    if (std.integer(req.http.Content-Length, 0) > 1024) { return (synth(413, "Payload Too Large")); }
    if (req.url ~ "^.{1025,}") { return (synth(414, "URI Too Long")); }
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
