# Round 141: round 132's config, ports moved (627xx fronts, 628xx apps), the host name api.brackwater.test; before that: round 126's varnish.vcl, ports moved (62705 -> app 62805),
# the /static/ synth dropped, plus a synth 429 on /api/bulk/.
vcl 4.1;
import std;
backend brackwater { .host = "127.0.0.1"; .port = "62805"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.url ~ "^/internal/") { return (synth(403, "Forbidden")); }
    if (req.url ~ "^/api/bulk/") { return (synth(429, "Too Many Requests")); }
    if (std.integer(req.http.Content-Length, 0) > 1024) { return (synth(413, "Payload Too Large")); }
    if (req.url ~ "^.{1025,}") { return (synth(414, "URI Too Long")); }
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
