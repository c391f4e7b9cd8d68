# Round 147: round 141's config with the ports moved (630xx fronts, 631xx apps) and the host name api.tarnwick.test; its history is in conf-round141/.
# Round 168: round 147's config (its history in conf-round147/ and conf-round141/) with the app behind it changed: FastAPI on uvicorn (apps85/fastapi_app.py) on 63103.
# the /static/ synth dropped, plus a synth 429 on /api/bulk/.
vcl 4.1;
import std;
backend tarnwick { .host = "127.0.0.1"; .port = "63103"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.url ~ "^/internal/") { return (synth(403, "Forbidden")); }
    if (req.url ~ "^/api/bulk/") { return (synth(429, "Too Many Requests")); }
    if (std.integer(req.http.Content-Length, 0) > 1024) { return (synth(413, "Payload Too Large")); }
    if (req.url ~ "^.{1025,}") { return (synth(414, "URI Too Long")); }
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
