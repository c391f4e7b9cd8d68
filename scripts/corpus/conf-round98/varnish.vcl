vcl 4.1;
# Varnish 7.1 for the round-98 corpus: 127.0.0.1:62105, api.dunlin.test, in
# front of the Dunlin Express app on node:http (127.0.0.1:62016).
# first_byte_timeout 3s. Stock parameters (http_req_hdr_len 8k,
# http_req_size 32k). Only GET /api/orders/ is cached (the app sends
# max-age=60 on order 1); everything else is passed.
backend app {
	.host = "127.0.0.1";
	.port = "62016";
	.first_byte_timeout = 3s;
	.connect_timeout = 1s;
}
sub vcl_recv {
	if (req.url !~ "^/api/orders/") {
		return (pass);
	}
}
sub vcl_deliver {
	if (obj.hits > 0) {
		set resp.http.X-Cache = "HIT";
	} else {
		set resp.http.X-Cache = "MISS";
	}
}
