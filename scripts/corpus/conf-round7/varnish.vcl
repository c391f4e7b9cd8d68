# Varnish for the round-7 corpus, on 127.0.0.1:25055: its default Via and
# X-Varnish are kept this time; a JSON synth for PURGE (405) and for a
# blocked client (429); the builtin "Guru Meditation" page for a backend that
# refuses; 10 s of grace.
vcl 4.1;
backend mux { .host = "127.0.0.1"; .port = "25010"; .connect_timeout = 2s; .first_byte_timeout = 2s; }
backend dead { .host = "127.0.0.1"; .port = "25009"; .connect_timeout = 2s; }
sub vcl_recv {
    if (req.method == "PURGE") { return (synth(405, "Method Not Allowed")); }
    if (req.http.User-Agent ~ "(?i)masscan|zgrab") { return (synth(429, "Too Many Requests")); }
    if (req.url ~ "^/dead/") { set req.backend_hint = dead; set req.url = regsub(req.url, "^/dead", ""); }
    else { set req.backend_hint = mux; }
}
sub vcl_backend_response { set beresp.grace = 10s; }
sub vcl_deliver { if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; } }
sub vcl_synth {
    set resp.http.Content-Type = "application/json";
    set resp.body = regsub(regsub({"{"error": "@R@", "xid": "@X@" }"}, "@R@", resp.reason), "@X@", req.xid);
    return (deliver);
}
