vcl 4.1;
# Varnish for the round-35 corpus, 127.0.0.1:53600, in front of the Go
# inventory API (53050). Requests under /inventory/ must carry an X-Api-Key
# from the list below: none -> synth 401 with a JSON body written in
# vcl_synth; an unknown key -> synth 403 with Varnish's stock guru page.
# A known key is removed and the request passed (the Go app then checks its
# own bearer token). Nothing under /inventory/ is cached.
import std;
backend default {
    .host = "127.0.0.1";
    .port = "53050";
}
sub vcl_recv {
    if (req.url ~ "^/inventory/") {
        if (!req.http.X-Api-Key) {
            return (synth(401, "Unauthorized"));
        }
        if (req.http.X-Api-Key != "vk_live_6a0e93c4d1f8b275" && req.http.X-Api-Key != "vk_live_b91d2f7e40c3a658") {
            return (synth(403, "Forbidden"));
        }
        unset req.http.X-Api-Key;
        return (pass);
    }
}
sub vcl_synth {
    if (resp.status == 401) {
        set resp.http.Content-Type = "application/json";
        set resp.http.WWW-Authenticate = {"ApiKey realm="inventory""};
        set resp.body = {"{"error":"unauthorized","detail":"X-Api-Key header is required""} + "}";
        return (deliver);
    }
}
