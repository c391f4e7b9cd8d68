//! The products' signatures as data: how each proxy, cache, load balancer, WAF or identity
//! layer in front of the app shows itself (`FRONTS`). The app's side is in `apps`.

use super::Layer;

/// A product that can stand in front of the app, and how it shows itself.
pub(super) struct Front {
    pub(super) product: &'static str,
    pub(super) layer: Layer,
    /// Lowercase text of its own pages: HTML, plain text or JSON.
    pub(super) body: &'static [&'static str],
    /// Lowercase fragments of a `Server` value naming it.
    pub(super) server: &'static [&'static str],
    /// What `Server: <it>` weighs for it having made the response: 4 for products that pass
    /// the upstream's own `Server` through and never add theirs (so naming themselves means
    /// they wrote it), 2 for those that add theirs where the app's is missing (Apache) or
    /// beside it (Caddy), 1 for those that replace it on everything they forward (nginx).
    pub(super) server_weight: i32,
    /// Lowercase `name` prefix and value fragment of headers it sets only on responses of its
    /// own (`X-Squid-Error`).
    pub(super) own_headers: &'static [(&'static str, &'static str)],
    /// Headers it sets on everything it forwards: it was on the path, no more.
    pub(super) hop_headers: &'static [(&'static str, &'static str)],
    /// Headers it sets only on answers it forwarded from upstream, never on its own (Envoy's
    /// `x-envoy-upstream-service-time`): the answer came from upstream.
    pub(super) forwarded_headers: &'static [(&'static str, &'static str)],
    /// Its own wording of a status line where that is not the usual one (nginx's
    /// `503 Service Temporarily Unavailable`): a status line it wrote itself.
    pub(super) own_reasons: &'static [(u16, &'static str)],
    /// Every status line wording of its own answers, for a product that passes the
    /// upstream's status line on unchanged: a code of this list in other words came from
    /// upstream. Empty when not known in full.
    pub(super) all_reasons: &'static [(u16, &'static str)],
}

/// The frame of every page Apache writes itself (its 421 for a host the TLS name does not
/// cover, and the codes whose sentences are not listed): read only on errors, since its
/// redirect pages are as often an identity module's (`mod_auth_openidc`, `mod_auth_form`).
pub(super) const APACHE_FRAME: &str = "</title>\n</head><body>\n<h1>";

/// nginx's own status lines for errors (`ngx_http_status_lines`); it passes an upstream's on
/// unchanged.
pub(super) const NGINX_REASONS: &[(u16, &str)] = &[
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Not Allowed"),
    (406, "Not Acceptable"),
    (408, "Request Time-out"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Request Entity Too Large"),
    (414, "Request-URI Too Large"),
    (415, "Unsupported Media Type"),
    (416, "Requested Range Not Satisfiable"),
    (421, "Misdirected Request"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Temporarily Unavailable"),
    (504, "Gateway Time-out"),
    (505, "HTTP Version Not Supported"),
    (507, "Insufficient Storage"),
];

/// The products whose own answers are JSON: only their sentences count in a JSON body (in
/// anyone else's JSON a product's sentence is an app's or a configured answer's words).
pub(super) const JSON_PAGES: &[&str] = &[
    "Kong",
    "AWS API Gateway",
    "Apigee",
    "Azure API Management",
    "Cloudflare",
    // Its JSON error files, written by operators, keep its stock sentences more often than not
    // ("No server is available to handle this request."); no app words an error so.
    "HAProxy",
];

/// Products that answer their own errors with an empty body by default.
pub(super) const EMPTY_BODY_FRONTS: &[&str] = &["Caddy"];

/// Products written in Go, whose server writes the headers it was handed in sorted order and
/// adds `Date` after them on an answer it makes itself.
pub(super) const GO_FRONTS: &[&str] = &["Caddy", "Traefik"];

/// The weight of a product's own page in the body: nearly proof on its own.
pub(super) const PAGE: i32 = 7;
/// The weight of a header a product sets only on responses it made.
pub(super) const OWN_HEADER: i32 = 4;

pub(super) const FRONTS: &[Front] = &[
    Front {
        product: "nginx",
        layer: Layer::Gateway,
        body: &[
            "<center>nginx",
            "<hr><center>openresty",
            "<hr/>powered by tengine",
            // The Kubernetes ingress-nginx controller's default backend, for a host or path no
            // ingress rule routes.
            "default backend - 404",
            // stub_status, the status page nginx answers itself ("Active connections: 1").
            "\nserver accepts handled requests\n",
        ],
        server: &["nginx", "openresty", "tengine"],
        server_weight: 1,
        own_headers: &[],
        // `X-Cache-Status` is the name nginx's documentation gives `$upstream_cache_status`.
        hop_headers: &[("x-cache-status", "")],
        forwarded_headers: &[],
        own_reasons: &[
            (405, "Not Allowed"),
            (408, "Request Time-out"),
            (414, "Request-URI Too Large"),
            (503, "Service Temporarily Unavailable"),
            (504, "Gateway Time-out"),
        ],
        all_reasons: NGINX_REASONS,
    },
    // Pound: its default pages copy Apache's, on one line (so it comes first); no Server or Date, and an
    // `Expires: now` on every answer of its own.
    Front {
        product: "Pound",
        layer: Layer::Gateway,
        body: &["2.0//en\"><html><head>"],
        server: &["pound"],
        server_weight: 2,
        own_headers: &[("expires", "now")],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Apache",
        layer: Layer::Gateway,
        body: &[
            "<address>apache",
            "the proxy server received an invalid",
            "proxy error",
            "apache server at",
            "you don't have permission to access this resource",
            "this server could not verify that you",
            "the requested url was not found on this server",
            "the server is temporarily unable to service your",
            "the requested resource does not allow request data",
            "the requested url's length exceeds the capacity",
            "your browser sent a request that this server could not understand",
            "-//ietf//dtd html 2.0//en",
            "server timeout waiting for the http request from the client",
            "the requested method is not allowed for this url",
            // The same page naming the method ("The requested method TRACE is not allowed").
            "is not allowed for this url.</p>",
            // Its 416, which its byte-range filter sends in chunks.
            "none of the range-specifier values in the range",
            "the gateway did not receive a timely response",
            "the proxy server could not handle the request",
            "size of a request header field exceeds server limit",
            "the server encountered an internal error or",
            "more information about this error may be available",
            // mod_status and the balancer manager, the pages Apache answers itself.
            "apache server status for",
            "load balancer manager for",
            // Its stock texts of the rarer statuses (406, 410, 411, 412, 415, 422, 429, 501,
            // 507), which ProxyErrorOverride puts over an app's error too.
            "an appropriate representation of the requested resource",
            "is no longer available on this server and there is no forwarding",
            "requires a valid content-length",
            "the precondition on the request for this url evaluated to false",
            "the supplied request data is not in a format acceptable",
            "the server understands the media type of the",
            "the user has sent too many requests in",
            "does not support the action requested by the browser",
            "the server is unable to store the representation needed",
            // mod_http2's 431 for headers over its limit.
            "the server refused this request because\nthe request header fields are too large",
            APACHE_FRAME,
        ],
        server: &["apache"],
        // Apache keeps the upstream's Server, but adds its own where the app sent none (Node,
        // Go, Puma, Spring Boot send none).
        server_weight: 2,
        own_headers: &[],
        // mod_cache's `CacheDetailHeader`.
        hop_headers: &[("x-cache-detail", "")],
        forwarded_headers: &[],
        own_reasons: &[(502, "Proxy Error")],
        all_reasons: &[],
    },
    // HAProxy's built-in pages: `<html><body><h1>` with no head (as other servers write too,
    // Vert.x among them), so by their fixed sentences.
    Front {
        product: "HAProxy",
        layer: Layer::LoadBalancer,
        body: &[
            "no server is available to handle this request",
            "the server didn't respond in time",
            "the server returned an invalid or incomplete response",
            "you have sent too many requests in a given amount of time",
            "request forbidden by administrative rules",
            "your browser sent an invalid request",
            "you need a valid user and password to access this content",
            "a request was made of a resource using a request method not supported",
            "your browser didn't send a complete request in time",
            "your browser sent early data",
            // Its stock pages of the rarer statuses, with their one-line HTML around the
            // sentences an app might also write.
            "the resource is no longer available and will not be available again",
            "<h1>413 payload too large</h1>\nthe request entity exceeds the maximum allowed.",
            "the uri provided was too long for the server to process",
            "request sent to a non-authoritative server",
            "the server cannot process the contained instructions",
            "<h1>500 internal server error</h1>\nan internal server error occurred.",
            // Its 404 (`http-request deny deny_status 404`, `return status 404`): WebOb writes
            // the same sentence, in a page of another frame.
            "<html><body><h1>404 not found</h1>\nthe resource could not be found.",
            // Its `monitor-uri`, the health answer it writes itself.
            "<html><body><h1>200 ok</h1>\nservice ready.",
            "haproxy",
        ],
        server: &["haproxy"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[(400, "Bad request"), (504, "Gateway Time-out")],
        all_reasons: &[],
    },
    Front {
        product: "Varnish",
        layer: Layer::Cdn,
        body: &[
            "guru meditation",
            "varnish cache server",
            "backend fetch failed",
        ],
        // Varnish keeps the backend's `Server`; its own (synthetic) answers say `Varnish`.
        server: &["varnish"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[("x-varnish", ""), ("via", "varnish")],
        forwarded_headers: &[],
        own_reasons: &[(503, "Backend fetch failed")],
        all_reasons: &[],
    },
    Front {
        product: "Squid",
        layer: Layer::Cdn,
        body: &[
            "squid software foundation",
            "err_connect_fail",
            "err_access_denied",
            // The footer: "Generated <date> by <host> (squid/5.7)".
            "(squid/",
        ],
        server: &["squid"],
        server_weight: 4,
        own_headers: &[("x-squid-error", "")],
        // Not `X-Cache: HIT from <host>` alone: Apache's mod_cache writes the same.
        hop_headers: &[("via", "squid")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    // lighttpd: its stock pages are XHTML under an XML prolog in ISO-8859-1; as a proxy it
    // adds its name where the upstream sent none.
    Front {
        product: "lighttpd",
        layer: Layer::Gateway,
        body: &[
            "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!doctype html public \"-//w3c//dtd xhtml 1.0 transitional//en\"",
        ],
        server: &["lighttpd"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    // Apache Traffic Server: a caching proxy that replaces the upstream's `Server` with its own
    // on everything it forwards, so its name there says only that it was the last hop.
    Front {
        product: "Apache Traffic Server",
        layer: Layer::Cdn,
        body: &[
            "not found on accelerator",
            "could not connect to the requested server host",
            "too much time has passed without sending any data",
            "<font face=\"helvetica,arial\"><b>",
        ],
        server: &["ats/", "apachetrafficserver"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("via", "apachetrafficserver")],
        forwarded_headers: &[],
        own_reasons: &[
            (502, "Connection refused"),
            (504, "Connection Timed Out"),
            (404, "Not Found on Accelerator"),
        ],
        all_reasons: &[],
    },
    // nghttpx replaces the upstream's `Server` with its own, and adds `Via` to what it
    // forwards; its pages end with a `<footer>` naming it.
    Front {
        product: "nghttpx",
        layer: Layer::Gateway,
        body: &["</h1><footer>nghttpx"],
        server: &["nghttpx"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("via", "nghttpx")],
        forwarded_headers: &[("via", "nghttpx")],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Caddy",
        layer: Layer::Gateway,
        body: &[],
        server: &["caddy"],
        server_weight: 2,
        own_headers: &[],
        // It offers HTTP/3 on everything it serves over TLS, for 30 days: on the path even
        // when its Server was removed.
        hop_headers: &[("alt-svc", "ma=2592000")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Envoy",
        layer: Layer::Gateway,
        body: &[
            "upstream connect error or disconnect/reset before headers",
            "no healthy upstream",
            "upstream request timeout",
        ],
        server: &["envoy"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[("x-envoy-", "")],
        forwarded_headers: &[("x-envoy-upstream-service-time", "")],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Traefik",
        layer: Layer::Gateway,
        body: &[],
        server: &["traefik"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Kong",
        layer: Layer::Gateway,
        body: &[
            "no route matched with those values",
            "name resolution failed",
            "an invalid response was received from the upstream server",
            "the upstream server is currently unavailable",
            "failure to get a peer from the ring-balancer",
            "api rate limit exceeded",
        ],
        server: &["kong"],
        server_weight: 2,
        // Kong's own answers carry its latency only; forwarded ones the upstream's too.
        own_headers: &[("x-kong-response-latency", "")],
        hop_headers: &[("x-kong-", ""), ("via", "kong")],
        forwarded_headers: &[("x-kong-upstream-latency", "")],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Cloudflare",
        layer: Layer::Cdn,
        body: &[
            "cloudflare",
            "cf-error-details",
            "cf-wrapper",
            "ray id:",
            "\"cloudflare_error\"",
        ],
        server: &["cloudflare"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("cf-ray", ""), ("cf-cache-status", "")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "AWS ALB",
        layer: Layer::LoadBalancer,
        body: &[],
        server: &["awselb"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "AWS API Gateway",
        layer: Layer::Gateway,
        // `{"message":"Internal server error"}` and `{"message":"Forbidden"}` are its words,
        // and Echo's and many an app's too: those need its headers.
        body: &[
            "\"message\": \"endpoint request timed out\"",
            "missing authentication token",
        ],
        server: &[],
        server_weight: 0,
        own_headers: &[("x-amzn-errortype", "")],
        hop_headers: &[("x-amz-apigw-id", "")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Apigee",
        layer: Layer::Gateway,
        body: &["\"faultstring\""],
        server: &["apigee"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Azure API Management",
        layer: Layer::Gateway,
        body: &[
            "access denied due to missing subscription key",
            "access denied due to invalid subscription key",
            "rate limit is exceeded. try again in",
        ],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "AWS CloudFront",
        layer: Layer::Cdn,
        body: &["generated by cloudfront", "request could not be satisfied"],
        server: &["cloudfront"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[
            ("x-cache", "cloudfront"),
            ("via", "cloudfront"),
            ("x-amz-cf-id", ""),
        ],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Google front end",
        layer: Layer::LoadBalancer,
        body: &["that’s an error", "that's an error"],
        server: &["google frontend", "gfe"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("via", "1.1 google")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Azure Front Door",
        layer: Layer::Cdn,
        body: &[
            "azure front door",
            "our services aren't available right now",
        ],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[("x-azure-ref", ""), ("x-fd-", "")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Akamai",
        layer: Layer::Cdn,
        body: &["reference&#32;&#35;", "akamai"],
        server: &["akamaighost"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[("x-akamai-", "")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    Front {
        product: "Fastly",
        layer: Layer::Cdn,
        body: &["fastly error"],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[("x-served-by", "cache-"), ("x-fastly-request-id", "")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    // Heroku's router: its "Application Error" page (an iframe of herokucdn's error pages)
    // when the app crashed, timed out or never bound its port; `Via: 1.1 vegur` on everything.
    Front {
        product: "Heroku router",
        layer: Layer::LoadBalancer,
        body: &["herokucdn.com/error-pages"],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[("via", "vegur")],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
    // ingress-nginx's default backend, which answers a host or path no Ingress routes.
    Front {
        product: "ingress-nginx",
        layer: Layer::Gateway,
        body: &["default backend - 404"],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[],
        forwarded_headers: &[],
        own_reasons: &[],
        all_reasons: &[],
    },
];

/// Names a product of the signature tables (an unknown `Server` product is named too, from
/// its header alone).
pub(super) fn is_known(product: &str) -> bool {
    FRONTS.iter().any(|f| f.product == product)
}
