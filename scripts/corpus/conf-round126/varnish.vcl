# Round 126, setup sinatra-unicorn-varnish-r126: Varnish 7.1 (127.0.0.1:62105)
# -> Sinatra 3 on Unicorn, two workers (127.0.0.1:62015, apps103/sinatra.ru).
# Built-in VCL for caching (ticket 1 carries Cache-Control public,
# max-age=60, so it is stored); X-Cache HIT/MISS; synth 403 on /internal/,
# 404 on /static/, 413 for a Content-Length over 1024, 414 for a URL over
# 1024 bytes; first_byte_timeout 3s (503 on /api/slow).
vcl 4.1;
import std;
backend ashby { .host = "127.0.0.1"; .port = "62015"; .connect_timeout = 1s; .first_byte_timeout = 3s; }
sub vcl_recv {
    if (req.url ~ "^/internal/") { return (synth(403, "Forbidden")); }
    if (req.url ~ "^/static/") { return (synth(404, "Not Found")); }
    if (std.integer(req.http.Content-Length, 0) > 1024) { return (synth(413, "Payload Too Large")); }
    if (req.url ~ "^.{1025,}") { return (synth(414, "URI Too Long")); }
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
