# Varnish for the round-8 corpus, on 127.0.0.1:26055, in front of Responder:
# a short TTL and a long grace, so a request just after the TTL is answered
# stale from the cache while it revalidates (stale-while-revalidate).
vcl 4.1;
backend origin { .host = "127.0.0.1"; .port = "26021"; .connect_timeout = 2s; .first_byte_timeout = 2s; }
sub vcl_backend_response { set beresp.ttl = 1s; set beresp.grace = 30s; }
sub vcl_deliver { if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; } }
