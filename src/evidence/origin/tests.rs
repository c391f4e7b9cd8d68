//! Tests of the origin classification, through `classify` and the public types.

use super::*;
use crate::evidence::response::parse;

#[test]
fn an_nginx_error_page_is_the_proxy() {
    let v = classify(&parse(
        "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\n\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
    ));
    assert_eq!(v.layer, Some(Layer::Gateway));
    assert_eq!(v.product.as_deref(), Some("nginx"));
    assert_eq!(v.confidence, Confidence::High);
    assert_eq!(v.reasons[0], "error page in the style of nginx");
    assert_eq!(v.check, None);
}

#[test]
fn an_app_error_through_a_cache_is_the_app() {
    let v = classify(&parse(
        "HTTP/1.1 500 Internal Server Error\nX-Varnish: 32770\nVia: 1.1 varnish (Varnish/7.1)\nx-request-id: req-1\nContent-Type: application/json\n\n{\"error\": \"database unavailable\", \"request_id\": \"req-1\"}",
    ));
    assert_eq!(v.layer, Some(Layer::App));
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("Varnish was on the path"))
    );
}

#[test]
fn a_token_challenge_is_the_identity_layer() {
    let v = classify(&parse(
        "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"expired\"\n\n",
    ));
    assert_eq!(v.layer, Some(Layer::Identity));
}

/// Reads a paste as it arrives (CR LF line breaks from a terminal), through the one way in.
fn read(text: &str) -> Origin {
    classify(&parse(&crate::text::normalize(&text.replace('\n', "\r\n"))))
}

#[test]
fn a_request_id_the_proxy_adds_to_its_own_page_does_not_make_it_the_app() {
    let v = read(
        "< HTTP/1.1 404 Not Found\n< Server: nginx/1.24.0\n< Content-Type: text/html\n\
         < X-Request-ID: 7f3a9c0e1b2d4e5f\n<\n<html>\n<head><title>404 Not Found</title></head>\n\
         <body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.24.0</center>\n\
         </body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::Gateway));
    assert_eq!(v.product.as_deref(), Some("nginx"));
    assert_eq!(v.confidence, Confidence::High);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("a proxy can add its own to every response")),
        "{:?}",
        v.reasons
    );
    assert_eq!(v.weights.of(Layer::App), Some(0));
}

#[test]
fn an_empty_502_from_caddy_is_caddys() {
    let v = read(
        "< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n< Date: Mon, 23 Nov 2026 10:43:59 GMT\n< Content-Length: 0\n<\n",
    );
    assert_eq!(v.layer, Some(Layer::Gateway));
    assert_eq!(v.product.as_deref(), Some("Caddy"));
    // Caddy's Go server wrote Date after Server: an answer it made, not one it passed on.
    assert_eq!(
        v.reasons[0],
        "502 + empty body + Date after Server + Server: Caddy → Caddy made it"
    );
    assert_eq!(v.confidence, Confidence::High);
    // Each signal says what it weighed, and the weights add up to the verdict.
    assert!(
        v.reasons
            .iter()
            .any(|r| r.ends_with("(+3 for something in front)"))
    );
    assert_eq!(v.weights.0[0], (Layer::Gateway, 11));
    // Without the Date, the same answer reads on the status, the body and the Server alone:
    // a front for sure, but Caddy only by the Server it adds to a Server-less app's answers.
    let v = read("< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n< Content-Length: 0\n<\n");
    assert_eq!(
        v.reasons[0],
        "502 + empty body + Server: Caddy → most likely Caddy made it"
    );
    assert_eq!(v.confidence, Confidence::Medium);
    assert_eq!(v.weights.0[0], (Layer::Gateway, 8));
}

#[test]
fn via_on_an_apps_json_500_is_never_a_confident_cdn() {
    for via in [
        "1.1 varnish (Varnish/7.1)",
        "1.1 edge-cache-3",
        "1.1 squid-corpus (squid/5.7)",
    ] {
        let v = read(&format!(
            "HTTP/1.1 500 Internal Server Error\nVia: {via}\nAge: 0\nContent-Type: application/json\n\n\
             {{\"error\": \"database unavailable\"}}"
        ));
        assert!(
            v.layer == Some(Layer::App) || v.layer.is_none(),
            "{via}: {v:?}"
        );
        assert!(v.confidence < Confidence::High, "{via}: {v:?}");
        assert!(v.check.is_some());
    }
}

#[test]
fn a_cache_answering_a_304_by_itself_is_the_cache_whatever_server_says() {
    let v = read(
        "< HTTP/1.1 304 Not Modified\n< Server: gunicorn\n< ETag: \"v7\"\n< X-Varnish: 32790 32771\n\
         < Age: 118\n< Via: 1.1 varnish (Varnish/7.1)\n<\n",
    );
    assert_eq!(v.layer, Some(Layer::Cdn), "{v:?}");
    assert_eq!(v.product.as_deref(), Some("Varnish"));
    assert!(v.confidence >= Confidence::Medium);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("came with the stored object")),
        "{:?}",
        v.reasons
    );
    // A stale copy is the cache's too.
    let stale = read(
        "HTTP/1.1 200 OK\nServer: gunicorn\nContent-Type: application/json\nX-Cache: HIT\n\
         Warning: 110 - \"Response is Stale\"\nAge: 900\n\n{\"items\": []}",
    );
    assert_eq!(stale.layer, Some(Layer::Cdn), "{stale:?}");
}

#[test]
fn a_server_absent_from_the_tables_is_named_from_its_header() {
    let v = read(
        "HTTP/1.1 503 Service Unavailable\nServer: lighttpd/1.4.69\nContent-Type: text/html\n\
         Date: Mon, 23 Nov 2026 10:43:59 GMT\n\n<?xml version=\"1.0\"?>\n<html><head>\
         <title>503 Service Not Available</title></head><body><h1>503 Service Not Available</h1>\
         </body></html>",
    );
    assert_eq!(v.who(), "a server in front of the app (lighttpd)");
    assert!(v.check.is_some(), "not sure, so it says how to settle it");
    // The same server on an app's JSON error is only the last hop.
    let passed = read(
        "HTTP/1.1 503 Service Unavailable\nServer: lighttpd/1.4.69\nContent-Type: application/json\n\n\
         {\"error\": {\"code\": \"maintenance\"}}",
    );
    assert_eq!(passed.layer, Some(Layer::App), "{passed:?}");
}

#[test]
fn a_body_only_problem_details_paste_gives_the_status_and_no_confident_origin() {
    let text = "{\n  \"type\": \"https://example.com/probs/db-down\",\n  \"title\": \"Database unavailable\",\n  \
                \"status\": 500,\n  \"detail\": \"the orders database did not answer\"\n}";
    let response = parse(text);
    assert_eq!(response.status, Some(500));
    let v = classify(&response);
    assert!(v.layer == Some(Layer::App) || v.layer.is_none(), "{v:?}");
    assert!(v.confidence < Confidence::High);
    assert!(v.check.is_some());
    // A proxy's default page pasted alone is the proxy's.
    let page = parse(
        "<html>\n<head><title>504 Gateway Time-out</title></head>\n<body>\n\
         <center><h1>504 Gateway Time-out</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>",
    );
    assert_eq!(page.status, Some(504));
    assert_eq!(classify(&page).layer, Some(Layer::Gateway));
}

#[test]
fn a_proxys_own_json_error_is_never_the_app_with_confidence() {
    // nginx `return 429 '{...}'` with `add_header X-Request-ID $request_id`.
    let v = read(
        "< HTTP/1.1 429 Too Many Requests\n< Server: nginx\n< Content-Type: application/json\n\
         < X-Request-ID: 5d41402abc4b2a76\n<\n{\"error\": \"rate_limited\"}",
    );
    assert!(
        v.confidence < Confidence::Medium || v.layer != Some(Layer::App),
        "{v:?}"
    );
    assert!(
        v.check
            .as_deref()
            .is_some_and(|c| c.contains("5d41402abc4b2a76")),
        "{:?}",
        v.check
    );
    // A 502 in JSON: the status says gateway, the format says app; not "the app, medium".
    let bad_gateway = read(
        "< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n< Content-Type: application/json\n<\n\
         {\"error\": \"upstream unavailable\"}",
    );
    assert!(
        bad_gateway.layer != Some(Layer::App) || bad_gateway.confidence == Confidence::Low,
        "{bad_gateway:?}"
    );
}

#[test]
fn a_short_json_error_under_caddy_with_no_app_server_is_caddys_own_answer() {
    let v = read(
        "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Server: Caddy\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n<\n{\"error\":\"maintenance\",\"message\":\"paused for a deploy\"}",
    );
    assert_eq!(v.layer, Some(Layer::Gateway));
    assert_eq!(v.product.as_deref(), Some("Caddy"));
    assert!(v.confidence < Confidence::High);
    // The same body with the app's Server beside Caddy's is the app's, passed through.
    let v = read(
        "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Server: Caddy\n< Server: uvicorn\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n<\n{\"error\":\"maintenance\",\"message\":\"paused for a deploy\"}",
    );
    assert_eq!(v.layer, Some(Layer::App));
    // nginx replaces the app's Server, so under nginx the same body says nothing of who.
    let v = read(
        "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Server: nginx\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n<\n{\"error\":\"maintenance\",\"message\":\"paused for a deploy\"}",
    );
    assert_ne!(v.layer, Some(Layer::Gateway));
}

#[test]
fn traffic_server_pages_are_the_caches_and_aiohttp_is_an_app_server() {
    let v = read(
        "HTTP/1.1 404 Not Found on Accelerator\nDate: Thu, 03 Dec 2026 07:47:11 GMT\nVia: http/1.1 ats (ApacheTrafficServer/9.2.9 [c s f ])\nServer: ATS/9.2.9\nContent-Type: text/html\n\n<HTML>\n<HEAD>\n<TITLE>Not Found on Accelerator</TITLE>\n</HEAD>\n<BODY>\n<H1>Not Found on Accelerator</H1>\n</BODY>",
    );
    assert_eq!(v.layer, Some(Layer::Cdn));
    assert_eq!(v.product.as_deref(), Some("Apache Traffic Server"));
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nContent-Type: text/plain; charset=utf-8\nContent-Length: 21\nDate: Thu, 03 Dec 2026 07:46:40 GMT\nServer: Python/3.11 aiohttp/3.9.1\n\n500 Internal Server Error",
    );
    assert_eq!(v.layer, Some(Layer::App));
    assert_eq!(v.product.as_deref(), Some("aiohttp"));
}

#[test]
fn an_age_past_max_age_is_a_stale_copy_the_cache_served() {
    let stale = "< HTTP/1.1 200 OK\n< Server: gunicorn\n< Content-Type: application/json\n< Cache-Control: public, max-age=1\n< X-Varnish: 32781 15\n< Age: 2\n< Via: 1.1 varnish (Varnish/7.1)\n<\n{\"items\":[]}";
    let v = read(stale);
    assert_eq!(v.layer, Some(Layer::Cdn));
    assert!(v.confidence < Confidence::High);
    assert_eq!(
        v.reasons[0],
        "stale hit → most likely Varnish answered by itself"
    );
    // Within its lifetime, no stale copy: but a success out of the store is still the
    // cache's answer (the app was not asked), as the corpus labels it.
    let v = read(&stale.replace("max-age=1", "max-age=60"));
    assert_eq!(v.layer, Some(Layer::Cdn));
    assert!(v.reasons[0].starts_with("a success from the store"));
    // A miss passes the app's answer on.
    let v = read(
        "< HTTP/1.1 200 OK\n< Server: gunicorn\n< Content-Type: application/json\n< X-Varnish: 32781\n< Age: 0\n< Via: 1.1 varnish (Varnish/7.1)\n<\n{\"items\":[]}",
    );
    assert_eq!(v.layer, Some(Layer::App));
}

#[test]
fn weights_read_as_an_object_and_round_trip() {
    let v = read("< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n<\n");
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["weights"]["gateway"], 8);
    assert_eq!(json["weights"]["app"], 0);
    let back: Origin = serde_json::from_value(json).unwrap();
    assert_eq!(back, v);
    // A reading saved before weights existed reads with none, and saves as it was.
    let old = serde_json::json!({
        "layer": "gateway", "product": "nginx", "confidence": "high", "reasons": ["x"]
    });
    let read_back: Origin = serde_json::from_value(old.clone()).unwrap();
    assert!(read_back.weights.is_empty());
    assert_eq!(serde_json::to_value(&read_back).unwrap(), old);
}

#[test]
fn nothing_to_go_on_is_unknown() {
    assert_eq!(classify(&parse("hello")).layer, None);
}

#[test]
fn who_names_the_layer_in_words_and_the_product_when_known() {
    let origin = |layer, product: Option<&str>| Origin {
        layer,
        product: product.map(str::to_owned),
        confidence: Confidence::High,
        reasons: Vec::new(),
        weights: Weights::default(),
        check: None,
    };
    assert_eq!(
        origin(Some(Layer::Gateway), Some("nginx")).who(),
        "a reverse proxy or gateway (nginx)"
    );
    assert_eq!(origin(Some(Layer::Cdn), None).who(), "a CDN or cache");
    assert_eq!(origin(None, None).who(), "unknown");
    // The JSON names are the runbook's, and unknown is no layer at all.
    let json = serde_json::to_value(origin(Some(Layer::LoadBalancer), None)).unwrap();
    assert_eq!(json["layer"], "load-balancer");
    assert!(serde_json::to_value(origin(None, None)).unwrap()["layer"].is_null());
}

// Responses captured from app servers as they answer by themselves (`curl -si`), each read
// the way it arrives: the app, with its server or framework named.

/// (what it is, the paste, the product expected).
const APP_SERVERS_OWN: &[(&str, &str, &str)] = &[
    (
        "Sanic's text error, lower-case names and no Date (not HAProxy)",
        "< HTTP/1.1 404 Not Found\n< content-length: 81\n< connection: keep-alive\n< content-type: text/plain; charset=utf-8\n< \n⚠️ 404 — Not Found\n==================\nRequested URL /api/orders not found\n\n",
        "Sanic",
    ),
    (
        "Falcon's title and description under uWSGI",
        "< HTTP/1.1 503 Service Unavailable\n< retry-after: 120\n< content-type: application/json\n< vary: Accept\n< content-length: 88\n< \n{\"title\": \"503 Service Unavailable\", \"description\": \"orders database under maintenance\"}",
        "Falcon",
    ),
    (
        "Go's http.TimeoutHandler page",
        "< HTTP/1.1 503 Service Unavailable\n< Date: Thu, 03 Dec 2026 09:21:01 GMT\n< Content-Length: 77\n< Content-Type: text/html; charset=utf-8\n< \n<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>",
        "Go net/http",
    ),
    (
        "Tomcat's 404 page, which says 'no such resource' too",
        "HTTP/1.1 404 \nContent-Type: text/html;charset=utf-8\nContent-Language: en\nDate: Thu, 03 Dec 2026 09:21:13 GMT\n\n<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><hr class=\"line\" /><p><b>Type</b> Status Report</p><p><b>Message</b> no such resource</p><hr class=\"line\" /><h3>Apache Tomcat/10.1.52</h3></body></html>",
        "Tomcat",
    ),
    (
        "Node's http with a JSON error",
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\nDate: Thu, 03 Dec 2026 09:19:46 GMT\nConnection: keep-alive\nKeep-Alive: timeout=5\nContent-Length: 16\n\n{\"error\":\"boom\"}",
        "Node.js",
    ),
    (
        "Go's http.NotFound",
        "HTTP/1.1 404 Not Found\nContent-Type: text/plain; charset=utf-8\nX-Content-Type-Options: nosniff\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nContent-Length: 19\n\n404 page not found\n",
        "Go net/http",
    ),
    (
        "Go's http.Error",
        "HTTP/1.1 503 Service Unavailable\nContent-Type: text/plain; charset=utf-8\nX-Content-Type-Options: nosniff\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nContent-Length: 21\n\ndatabase unavailable\n",
        "Go net/http",
    ),
    (
        "Go refusing a request it cannot parse",
        "HTTP/1.1 400 Bad Request: malformed Host header\nContent-Type: text/plain; charset=utf-8\nConnection: close\n\n400 Bad Request: malformed Host header",
        "Go net/http",
    ),
    (
        "PHP's built-in server, no such script",
        "HTTP/1.1 404 Not Found\nHost: 127.0.0.1:29103\nDate: Thu, 03 Dec 2026 09:19:46 GMT\nConnection: close\nContent-Type: text/html; charset=UTF-8\nContent-Length: 537\n\n<!doctype html><html><head><title>404 Not Found</title><style>\nbody { background-color: #fcfcfc; color: #333333; margin: 0; padding:0; }\ncode.url { background-color: #eeeeee; font-family:monospace; padding:0 2px;}\n</style>\n</head><body><h1>Not Found</h1><p>The requested resource <code class=\"url\">/nope</code> was not found on this server.</p></body></html>",
        "PHP built-in server",
    ),
    (
        "a PHP script's JSON error",
        "HTTP/1.1 500 Internal Server Error\nHost: 127.0.0.1:29103\nDate: Thu, 03 Dec 2026 09:19:46 GMT\nConnection: close\nX-Powered-By: PHP/8.2.36\nContent-Type: application/json\n\n{\"error\":\"boom\"}",
        "PHP",
    ),
    (
        "Sinatra under Puma, no such route",
        "HTTP/1.1 404 Not Found\nX-Cascade: pass\nContent-Type: text/html;charset=utf-8\nX-XSS-Protection: 1; mode=block\nX-Content-Type-Options: nosniff\nX-Frame-Options: SAMEORIGIN\nContent-Length: 495\n\n<!DOCTYPE html>\n<html>\n<head>\n</head>\n<body>\n  <h2>Sinatra doesn’t know this ditty.</h2>\n</body>\n</html>",
        "Sinatra",
    ),
    (
        "WEBrick, no such file",
        "HTTP/1.1 404 Not Found\nContent-Type: text/html; charset=ISO-8859-1\nServer: WEBrick/1.8.1 (Ruby/3.1.2/2022-04-12)\nDate: Thu, 03 Dec 2026 09:20:34 GMT\nContent-Length: 275\nConnection: close\n\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0//EN\">\n<HTML>\n  <HEAD><TITLE>Not Found</TITLE></HEAD>\n  <BODY>\n    <H1>Not Found</H1>\n    `/nope' not found.\n    <HR>\n    <ADDRESS>\n     WEBrick/1.8.1 (Ruby/3.1.2/2022-04-12) at\n     127.0.0.1:29105\n    </ADDRESS>\n  </BODY>\n</HTML>",
        "WEBrick",
    ),
    (
        "the JDK's HttpServer, no such context",
        "HTTP/1.1 404 Not Found\nContent-Length: 50\nContent-Type: text/html\nConnection: close\n\n<h1>404 Not Found</h1>No context found for request",
        "JDK HttpServer",
    ),
    (
        "the JDK's HttpServer, a handler's JSON error",
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:20:34 GMT\nContent-type: application/json\nContent-length: 16\n\n{\"error\":\"boom\"}",
        "JDK HttpServer",
    ),
    (
        "gunicorn's own page for a crashed worker",
        "< HTTP/1.1 500 Internal Server Error\n< Connection: close\n< Content-Type: text/html\n< Content-Length: 141\n<\n<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>",
        "gunicorn",
    ),
    (
        "uvicorn refusing a bad header",
        "< HTTP/1.1 400 Bad Request\n< content-type: text/plain; charset=utf-8\n< Connection: close\n<\nInvalid HTTP request received.",
        "uvicorn",
    ),
    (
        "Waitress's own 431, not Squid's",
        "< HTTP/1.0 431 Request Header Fields Too Large\n< Connection: close\n< Content-Length: 88\n< Content-Type: text/plain; charset=utf-8\n< Date: Thu, 03 Dec 2026 07:46:43 GMT\n< Server: waitress\n<\nRequest Header Fields Too Large\n\nexceeds max_header of 1024\n\n(generated by waitress)",
        "Waitress",
    ),
];

#[test]
fn app_servers_answering_by_themselves_are_the_app() {
    for (what, paste, product) in APP_SERVERS_OWN {
        let v = read(paste);
        assert_eq!(v.layer, Some(Layer::App), "{what}: {v:?}");
        assert_eq!(v.product.as_deref(), Some(*product), "{what}: {v:?}");
        assert!(v.confidence >= Confidence::Low, "{what}");
    }
}

#[test]
fn an_app_servers_bare_refusal_is_at_most_a_low_guess() {
    // Node's parser refusing a request: no Date, no Server, no body. No common proxy leaves
    // Date off in mixed case, so the app, but only "low", with the check.
    let v = read("HTTP/1.1 400 Bad Request\nConnection: close\n\n");
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.check.is_some());
    // Go's handler that set only a status: an empty body alone is no proxy's mark.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nContent-Length: 0\n\n",
    );
    assert_eq!(v.layer, None, "{v:?}");
}

/// One reading expected: (what, the paste, the layer, the product, the least confidence).
type Case = (
    &'static str,
    &'static str,
    Option<Layer>,
    Option<&'static str>,
    Confidence,
);

fn check_cases(cases: &[Case]) {
    for (what, paste, layer, product, least) in cases {
        let v = read(paste);
        assert_eq!(v.layer, *layer, "{what}: {v:#?}");
        assert_eq!(v.product.as_deref(), *product, "{what}: {v:#?}");
        assert!(v.confidence >= *least, "{what}: {v:#?}");
        // Only a sure reading goes without the check that settles it.
        assert_eq!(
            v.check.is_none(),
            v.confidence == Confidence::High,
            "{what}"
        );
    }
}

#[test]
fn the_status_lines_wording_says_who_wrote_it() {
    check_cases(&[
        (
            "nginx's own wording of a 503, on a JSON body of its configuration",
            "< HTTP/1.1 503 Service Temporarily Unavailable\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 07:46:49 GMT\n< Content-Type: application/json\n< Content-Length: 62\n< Connection: keep-alive\n<\n{\"error\":\"maintenance\",\"message\":\"Back in a few minutes.\"}",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Medium,
        ),
        (
            "a 504 nginx would word `Gateway Time-out`: passed on from upstream",
            "< HTTP/1.1 504 Gateway Timeout\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 07:46:49 GMT\n< Content-Type: application/json\n< Content-Length: 40\n< Connection: keep-alive\n<\n{\"detail\":\"inventory service timed out\"}",
            Some(Layer::App),
            None,
            Confidence::Medium,
        ),
        (
            "Werkzeug's capitals through nginx, on a page that looks like a proxy's",
            "< HTTP/1.1 503 SERVICE UNAVAILABLE\n< Server: nginx/1.22.1\n< Content-Type: text/html\n< X-Request-ID: f9770fe615e4315130ea07c553486ae2\n<\n<!DOCTYPE html>\n<html>\n<head><title>503 Service Unavailable</title></head>\n<body>\n<h1>Service Unavailable</h1>\n</body>\n</html>",
            Some(Layer::App),
            Some("Flask/Werkzeug"),
            Confidence::Low,
        ),
    ]);
}

#[test]
fn a_proxy_passing_an_answer_on_leaves_marks_of_it() {
    check_cases(&[
        (
            "Caddy adds its Server beside aiohttp's",
            "HTTP/2 404 \ncontent-type: text/plain; charset=utf-8\ndate: Thu, 03 Dec 2026 07:47:00 GMT\nserver: Caddy\nserver: Python/3.11 aiohttp/3.14.5\ncontent-length: 14\n\n404: Not Found",
            Some(Layer::App),
            Some("aiohttp"),
            Confidence::Low,
        ),
        (
            "Go's http.Error through Caddy: Go's sorted headers with the upstream's Date",
            "HTTP/1.1 503 Service Unavailable\nContent-Length: 21\nContent-Type: text/plain; charset=utf-8\nDate: Thu, 03 Dec 2026 09:24:44 GMT\nServer: Caddy\nX-Content-Type-Options: nosniff\n\ndatabase unavailable\n",
            Some(Layer::App),
            Some("Go net/http"),
            Confidence::Medium,
        ),
        (
            "a Node 404 through nghttpx, which adds Via only to what it forwards",
            "HTTP/1.1 404 Not Found\nDate: Thu, 03 Dec 2026 09:25:35 GMT\nContent-Length: 9\nServer: nghttpx\nVia: 1.1 nghttpx\n\nNot Found",
            Some(Layer::App),
            None,
            Confidence::Low,
        ),
        (
            "a Node 404 through HAProxy, which writes Node's Keep-Alive in lower case",
            "HTTP/1.1 404 Not Found\ndate: Thu, 03 Dec 2026 09:24:44 GMT\nkeep-alive: timeout=5\ncontent-length: 9\n\nNot Found",
            Some(Layer::App),
            Some("Node.js"),
            Confidence::Low,
        ),
        (
            "PHP-FPM's answer for a missing script through nginx, streamed in chunks",
            "< HTTP/1.1 404 Not Found\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 09:24:44 GMT\n< Content-Type: text/html; charset=UTF-8\n< Transfer-Encoding: chunked\n< Connection: keep-alive\n<\nFile not found.\n",
            Some(Layer::App),
            Some("PHP-FPM"),
            Confidence::Medium,
        ),
        (
            "a Java app's session cookie on its JSON error",
            "HTTP/1.1 500 \nSet-Cookie: JSESSIONID=6F1C2D; Path=/; HttpOnly\nContent-Type: application/json\nDate: Thu, 03 Dec 2026 09:24:44 GMT\nServer: nginx/1.22.1\n\n{\"error\":\"boom\"}",
            Some(Layer::App),
            Some("a Java servlet container"),
            Confidence::Medium,
        ),
        (
            "Spring Boot's error JSON",
            "HTTP/1.1 404 \nContent-Type: application/json\nDate: Thu, 03 Dec 2026 09:24:44 GMT\n\n{\"timestamp\":\"2026-12-03T09:24:44.000+00:00\",\"status\":404,\"error\":\"Not Found\",\"path\":\"/api/nope\"}",
            Some(Layer::App),
            Some("Spring Boot"),
            Confidence::High,
        ),
    ]);
}

#[test]
fn a_proxys_own_answers_are_the_proxys() {
    check_cases(&[
        (
            "Caddy's own JSON: Go adds Date after the Server it was handed",
            "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Retry-After: 120\n< Server: Caddy\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n< Content-Length: 67\n<\n{\"error\":\"maintenance\",\"message\":\"Orders are paused for a deploy.\"}",
            Some(Layer::Gateway),
            Some("Caddy"),
            Confidence::Low,
        ),
        (
            "nghttpx's own page",
            "HTTP/1.1 502 Bad Gateway\nServer: nghttpx\nContent-Length: 129\nDate: Thu, 03 Dec 2026 09:25:35 GMT\nContent-Type: text/html; charset=UTF-8\nConnection: close\n\n<!DOCTYPE html><html lang=\"en\"><title>502 Bad Gateway</title><body><h1>502 Bad Gateway</h1><footer>nghttpx</footer></body></html>",
            Some(Layer::Gateway),
            Some("nghttpx"),
            Confidence::High,
        ),
        (
            "Pound's page: Apache's words on one line, no Server or Date, Expires: now",
            "HTTP/1.1 503 Service Unavailable\nContent-Length: 233\nConnection: close\nContent-Type: text/html\nExpires: now\nPragma: no-cache\nCache-control: no-cache,no-store\n\n<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\"><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p></body></html>",
            Some(Layer::Gateway),
            Some("Pound"),
            Confidence::High,
        ),
        (
            "an HAProxy errorfile in JSON: no Date or Server, names in lower case",
            "< HTTP/1.1 503 Service Unavailable\n< content-type: application/json\n< cache-control: no-cache\n< x-request-id: 7F000001AA207F0000014BC86B111E6D00062E3A\n< connection: close\n<\n{\"error\":{\"code\":503,\"message\":\"No healthy upstream\"}}",
            Some(Layer::LoadBalancer),
            Some("HAProxy"),
            Confidence::Low,
        ),
        (
            "nginx's cache answering a 304 while Server names the stored object's",
            "< HTTP/1.1 304 Not Modified\n< Date: Thu, 03 Dec 2026 07:47:00 GMT\n< Server: gunicorn\n< ETag: \"catalog-v7\"\n< Cache-Control: public, max-age=1\n< X-Request-ID: req-f2570959f48149e3\n< X-Cache-Status: HIT\n<\n",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::High,
        ),
    ]);
}

#[test]
fn where_the_evidence_cannot_tell_it_says_unknown() {
    check_cases(&[
        (
            "nginx writes its own Server on everything: a JSON error under it with no mark of the app",
            "< HTTP/1.1 404 Not Found\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 07:46:49 GMT\n< Content-Type: application/json\n< Content-Length: 22\n<\n{\"error\":\"not_found\"}",
            None,
            None,
            Confidence::Low,
        ),
        (
            "Go's empty 500 passed on by Caddy: the empty body is the upstream's",
            "HTTP/1.1 500 Internal Server Error\nContent-Length: 0\nDate: Thu, 03 Dec 2026 09:24:44 GMT\nServer: Caddy\n\n",
            None,
            None,
            Confidence::Low,
        ),
        (
            "a JSON error pasted alone",
            "{\"status\":503,\"error\":\"maintenance\",\"message\":\"Down for maintenance\"}",
            None,
            None,
            Confidence::Low,
        ),
    ]);
    // A proxy's sentence in someone else's JSON is no page of the proxy's.
    let v = read(
        "< HTTP/1.1 504 Gateway Timeout\n< content-type: application/json\n< cache-control: no-cache\n< connection: close\n<\n{\"error\":{\"code\":504,\"message\":\"Upstream request timeout\"}}",
    );
    assert_ne!(v.product.as_deref(), Some("Envoy"), "{v:#?}");
}

#[test]
fn a_body_left_out_of_the_paste_is_not_an_empty_body() {
    // `curl -sI`: Content-Length says there was a body; its absence weighs for no one.
    let v = read(
        "$ curl -sI http://127.0.0.1:19010/api/boom\nHTTP/1.1 500 INTERNAL SERVER ERROR\nServer: gunicorn\nDate: Thu, 03 Dec 2026 07:47:17 GMT\nConnection: close\nContent-Type: text/html; charset=utf-8\nContent-Length: 265\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(
        !v.reasons.iter().any(|r| r.contains("empty body")),
        "{v:#?}"
    );
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("the body was not shown"))
    );
}

#[test]
fn apache_naming_itself_on_a_server_less_apps_answer_is_never_a_sure_apache() {
    // Apache adds its Server where the app sent none (Go and Node send none): these were
    // the apps' answers, passed on.
    // A 502 whose JSON speaks of the upstream is a gateway's words (Apache's configured
    // answer or a gateway behind it): a gateway, but Apache only by its Server, so not sure.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nDate: Thu, 03 Dec 2026 09:32:52 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Type: application/json\nContent-Length: 20\n\n{\"error\":\"upstream\"}",
    );
    assert!(v.confidence < Confidence::High, "{v:#?}");
    assert!(v.check.is_some());
    for paste in [
        "HTTP/1.1 502 Bad Gateway\nDate: Thu, 03 Dec 2026 09:32:52 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Type: application/json\nContent-Length: 20\n\n{\"error\":\"payment\"}",
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:32:52 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Length: 0\nConnection: close\n\n",
        "HTTP/1.1 404 Not Found\nDate: Thu, 03 Dec 2026 09:32:52 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Length: 9\n\nNot Found",
    ] {
        let v = read(paste);
        assert!(
            v.layer != Some(Layer::Gateway) || v.confidence == Confidence::Low,
            "{v:#?}"
        );
        assert!(v.check.is_some());
    }
    // Go's own 404 through Apache is still Go's.
    let v = read(
        "HTTP/1.1 404 Not Found\nDate: Thu, 03 Dec 2026 09:32:52 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Type: text/plain; charset=utf-8\nX-Content-Type-Options: nosniff\nContent-Length: 19\n\n404 page not found\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("Go net/http"));
}

#[test]
fn werkzeugs_page_in_apaches_words_is_still_werkzeugs() {
    // Flask's `abort(503)` behind nginx: Werkzeug's page says Apache's 503 sentence.
    let v = read(
        "< HTTP/1.1 503 SERVICE UNAVAILABLE\n< Server: nginx/1.22.1\n< Content-Type: text/html; charset=utf-8\n< Content-Length: 232\n<\n<!doctype html>\n<html lang=en>\n<title>503 Service Unavailable</title>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p>\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("Flask/Werkzeug"));
    // Vert.x's bare page is no HAProxy page for its `<html><body><h1>`.
    let v = read(
        "HTTP/1.1 404 Not Found\ncontent-type: text/html; charset=utf-8\ncontent-length: 53\n\n<html><body><h1>Resource not found</h1></body></html>",
    );
    assert_ne!(v.product.as_deref(), Some("HAProxy"), "{v:#?}");
}

/// Apache's `mod_cache`: `X-Cache: HIT from <host>` as Squid writes it, but no Via; the answer
/// from its store is Apache's, and a success from the store the cache's, not the app's.
#[test]
fn apaches_own_cache_answers_are_apaches_not_squids() {
    let not_modified = read(
        "< HTTP/1.1 304 Not Modified\n< Date: Thu, 03 Dec 2026 09:21:12 GMT\n\
         < Server: Apache/2.4.71 (Debian)\n< ETag: \"catalog-v7\"\n< X-Powered-By: PHP/8.2.36\n\
         < Cache-Control: public, max-age=1\n< Age: 0\n< X-Cache: HIT from 127.0.0.1\n\
         < X-Cache-Detail: \"cache hit\" from 127.0.0.1\n<\n",
    );
    assert_eq!(not_modified.layer, Some(Layer::Gateway));
    assert_eq!(not_modified.product.as_deref(), Some("Apache"));
    let head = read(
        "HTTP/1.1 200 OK\nDate: Thu, 03 Dec 2026 09:21:12 GMT\nServer: Apache/2.4.71 (Debian)\n\
         ETag: \"catalog-v7\"\nX-Powered-By: PHP/8.2.36\nCache-Control: public, max-age=1\nAge: 0\n\
         X-Cache: HIT from 127.0.0.1\nX-Cache-Detail: \"cache hit\" from 127.0.0.1\n\
         Content-Length: 75\nContent-Type: application/json\n\n",
    );
    assert_eq!(head.layer, Some(Layer::Gateway));
    assert!(head.reasons[0].starts_with("a success from the store"));
    // Its first answer, a MISS, is the app's.
    let miss = read(
        "HTTP/1.1 200 OK\nServer: Apache/2.4.71 (Debian)\nX-Powered-By: PHP/8.2.36\n\
         X-Cache: MISS from 127.0.0.1\nContent-Type: application/json\n\n{\"items\":[]}",
    );
    assert_eq!(miss.layer, Some(Layer::App));
    // A 412 the cache says it did not answer: Apache weighed the precondition, not sure.
    let precondition = read(
        "< HTTP/1.1 412 Precondition Failed\n< Date: Thu, 03 Dec 2026 09:21:12 GMT\n\
         < Server: Apache/2.4.71 (Debian)\n< X-Powered-By: PHP/8.2.36\n< ETag: \"catalog-v7\"\n\
         < X-Cache: MISS from 127.0.0.1\n< Content-Length: 0\n<\n",
    );
    assert_eq!(precondition.layer, Some(Layer::Gateway));
    assert_eq!(precondition.confidence, Confidence::Medium);
}

/// No Date and no Server: every common proxy dates its own answers but `HAProxy`, whose
/// HTTP/1.1 names are lower case. In mixed case it is an app server's own answer (Node's
/// bare 400, Puma under Sinatra); in lower case it may be either, so it weighs little.
#[test]
fn an_undated_answer_in_mixed_case_is_an_app_servers() {
    let node = read("< HTTP/1.1 400 Bad Request\n< Connection: close\n< \n{ [0 bytes data]\n");
    assert_eq!(node.layer, Some(Layer::App), "{:?}", node.reasons);
    let sinatra = read(
        "< HTTP/1.1 500 Internal Server Error\n< Content-Type: text/html;charset=utf-8\n\
         < X-XSS-Protection: 1; mode=block\n< X-Content-Type-Options: nosniff\n\
         < X-Frame-Options: SAMEORIGIN\n< Content-Length: 30\n< \n{ [30 bytes data]\n\
         <h1>Internal Server Error</h1>",
    );
    assert_eq!(sinatra.layer, Some(Layer::App), "{:?}", sinatra.reasons);
    assert!(sinatra.confidence < Confidence::High);
    // The same in lower case, with no page of HAProxy's: not HAProxy for sure.
    let lower = read(
        "< HTTP/1.1 503 Service Unavailable\n< content-length: 22\n< connection: keep-alive\n\
         < content-type: text/plain; charset=utf-8\n< \nService is unavailable",
    );
    assert!(lower.confidence < Confidence::Medium, "{:?}", lower.reasons);
    // With HAProxy's error-file header it is HAProxy's.
    let errorfile = read(
        "< HTTP/1.1 503 Service Unavailable\n< content-length: 40\n< cache-control: no-cache\n\
         < content-type: application/json\n< \n{\"error\":{\"code\":503,\"message\":\"down\"}}",
    );
    assert_eq!(errorfile.product.as_deref(), Some("HAProxy"));
    // Through a forward proxy (curl -x) a short undated answer may be the proxy's own.
    let forward = read(
        "$ curl -sv -x http://127.0.0.1:3128 http://api.example/x\n< HTTP/1.1 400 Bad Request\n\
         < Connection: close\n< \n",
    );
    assert_ne!(forward.layer, Some(Layer::App));
}

/// A gateway built on an app runtime (Node's http-proxy, Go's `ReverseProxy`) writes JSON with
/// the request id in it, like an app; what gives it away is that it speaks of its upstream.
#[test]
fn a_body_that_speaks_of_its_upstream_is_a_gateways_whatever_it_is_built_on() {
    let node_gateway = read(
        "< HTTP/1.1 502 Bad Gateway\n< Content-Type: application/json\n< Content-Length: 136\n\
         < X-Correlation-ID: 50438a52-9aae-48dc-94f2-7e1d9811f4ed\n\
         < Date: Thu, 03 Dec 2026 09:20:57 GMT\n< Connection: keep-alive\n< Keep-Alive: timeout=5\n\
         < \n{ [136 bytes data]\n* Connection #0 to host 127.0.0.1 left intact\n\
         {\"error\":{\"code\":\"bad_gateway\",\"message\":\"upstream unavailable: ECONNREFUSED\",\
         \"correlation_id\":\"50438a52-9aae-48dc-94f2-7e1d9811f4ed\"}}",
    );
    assert_eq!(node_gateway.layer, Some(Layer::Gateway), "{node_gateway:?}");
    assert!(node_gateway.confidence < Confidence::High);
    assert!(
        node_gateway
            .check
            .as_deref()
            .is_some_and(|c| c.contains("50438a52-9aae-48dc-94f2-7e1d9811f4ed"))
    );
    // Behind nghttpx, whose Via says it forwarded the answer: a gateway further upstream
    // made it, not nghttpx.
    let two_hops = read(
        "< HTTP/1.1 502 Bad Gateway\n< Content-Type: application/json\n\
         < X-Trace-Id: 133cd08209a77e56075683f229bf70a2\n< Date: Thu, 03 Dec 2026 09:21:22 GMT\n\
         < Content-Length: 134\n< Server: nghttpx\n< Via: 1.1 nghttpx\n< \n\
         {\"error\":{\"code\":\"upstream_unavailable\",\"message\":\"the upstream could not be reached\",\
         \"trace_id\":\"133cd08209a77e56075683f229bf70a2\"}}",
    );
    assert_eq!(two_hops.layer, Some(Layer::Gateway));
    assert_eq!(two_hops.product, None, "{two_hops:?}");
    assert_eq!(
        two_hops.reasons[0],
        "speaks of its upstream + 502 → most likely a proxy in front made it"
    );
    // The app's own 504 that calls its dependency a backend, passed on by nginx, is the app's.
    let app = read(
        "< HTTP/1.1 504 Gateway Timeout\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 09:21:09 GMT\n\
         < Content-Type: text/html; charset=UTF-8\n< Transfer-Encoding: chunked\n\
         < X-Powered-By: PHP/8.2.36\n< \n<html><head><title>504 Gateway Timeout</title></head>\n\
         <body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>",
    );
    assert_eq!(app.layer, Some(Layer::App), "{app:?}");
}

/// Marks of a runtime (Node's Keep-Alive, Go's http.Error) and of any JSON writer (an app
/// shape, the id in the body) are what a gateway built on that runtime leaves too: without a
/// framework's own mark the app is never "high".
#[test]
fn a_runtimes_marks_alone_never_make_a_sure_app() {
    let node_gateway_404 = read(
        "$ curl -si http://127.0.0.1:20015/v2/orders\nHTTP/1.1 404 Not Found\n\
         Content-Type: application/json\nContent-Length: 122\n\
         X-Correlation-ID: 6a05ae0e-217e-4a54-ab14-cc8b73885213\n\
         Date: Thu, 03 Dec 2026 09:20:59 GMT\nConnection: keep-alive\nKeep-Alive: timeout=5\n\n\
         {\"error\":{\"code\":\"no_route\",\"message\":\"no route for /v2/orders\",\
         \"correlation_id\":\"6a05ae0e-217e-4a54-ab14-cc8b73885213\"}}",
    );
    assert!(node_gateway_404.confidence < Confidence::High);
    assert!(
        node_gateway_404
            .reasons
            .iter()
            .any(|r| r.starts_with("no mark of an app framework")),
        "{node_gateway_404:?}"
    );
    // Go's http.NotFound: its text and its headers are one fact, so not "medium" twice over.
    let go = read(
        "HTTP/1.1 404 Not Found\nContent-Type: text/plain; charset=utf-8\n\
         X-Content-Type-Options: nosniff\nDate: Thu, 03 Dec 2026 09:21:04 GMT\n\
         Content-Length: 19\n\n404 page not found\n",
    );
    assert_eq!(go.layer, Some(Layer::App));
    assert!(go.confidence < Confidence::High);
    // With a framework's own shape beside Node's mark, two things agree: sure.
    let fastify = read(
        "< HTTP/1.1 404 Not Found\n< content-type: application/json; charset=utf-8\n\
         < content-length: 84\n< Date: Thu, 03 Dec 2026 09:20:55 GMT\n< Connection: keep-alive\n\
         < Keep-Alive: timeout=72\n< \n{\"message\":\"Route GET:/api/orders/7 not found\",\
         \"error\":\"Not Found\",\"statusCode\":404}",
    );
    assert_eq!(fastify.layer, Some(Layer::App));
    assert_eq!(fastify.confidence, Confidence::High, "{fastify:?}");
    // Node's Keep-Alive is a lone timeout, whatever its value; Apache's says max= too.
    let headers_only = read(
        "HTTP/1.1 404 Not Found\ncontent-type: application/json; charset=utf-8\n\
         content-length: 85\nDate: Thu, 03 Dec 2026 09:21:27 GMT\nConnection: keep-alive\n\
         Keep-Alive: timeout=72\n\n",
    );
    assert_eq!(headers_only.layer, Some(Layer::App));
    assert_eq!(headers_only.product.as_deref(), Some("Node.js"));
}

/// Tomcat writes no reason phrase; a proxy words every status line it writes and passes the
/// upstream's on as it came, so a bare code is the app server's, even behind nginx.
#[test]
fn a_status_line_with_no_reason_phrase_is_an_app_servers() {
    let head = read(
        "$ curl -sI http://127.0.0.1:20050/api/users/7\nHTTP/1.1 404 \n\
         Content-Type: text/html;charset=utf-8\nContent-Language: en\nContent-Length: 730\n\
         Date: Thu, 03 Dec 2026 09:21:27 GMT\n\n",
    );
    assert_eq!(head.layer, Some(Layer::App), "{head:?}");
    let own_502 = read(
        "< HTTP/1.1 502 \n< Content-Type: application/json;charset=UTF-8\n< Content-Length: 91\n\
         < Date: Thu, 03 Dec 2026 09:21:13 GMT\n< \n{ [91 bytes data]\n\
         {\"error\":{\"code\":\"bad_gateway\",\"message\":\"payment provider returned an invalid response\"}}",
    );
    assert_eq!(own_502.layer, Some(Layer::App), "{own_502:?}");
    // HTTP/2 has no reason phrase at all: nothing to read there.
    let h2 = read("HTTP/2 404 \ncontent-type: text/html\ndate: Thu, 03 Dec 2026 09:21:27 GMT\n\n");
    assert!(!h2.reasons.iter().any(|r| r.contains("no reason phrase")));
}

/// X-Powered-By names the framework as surely as Server names the app server: a proxy's own
/// page carries neither. Express's own 502 page relayed by a gateway that adds only an id.
#[test]
fn x_powered_by_on_an_html_502_is_the_apps() {
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nx-powered-by: Express\ncontent-type: text/html; charset=utf-8\n\
         content-length: 153\netag: W/\"99-Kuq3b1vWl1Elds9r0+Mr8mqJKMQ\"\n\
         date: Thu, 03 Dec 2026 09:20:59 GMT\nconnection: close\n\
         x-correlation-id: fdd9573f-e3e1-47e4-bf2a-2bb22f43d4d8\n\n<html>\n\
         <head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n\
         <p>The payment provider returned an invalid response.</p>\n</body>\n</html>\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert_eq!(v.product.as_deref(), Some("Express"));
    assert!(v.confidence < Confidence::High);
}

/// An app server in the table is the app, never "a server in front" by the unknown-Server
/// rule: Perl's `HTTP::Daemon`, gevent, Plack's servers, a bare language name.
#[test]
fn perl_ruby_and_python_app_servers_by_name_are_the_app() {
    for server in [
        "libwww-perl-daemon/6.16",
        "gevent/23.9 Python/3.11",
        "Twiggy",
        "Plack::Handler::Starlet",
        "Agoo 2.15.8",
        "Perl/5.36",
    ] {
        let v = read(&format!(
            "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:21:27 GMT\n\
             Server: {server}\nContent-Type: text/html\nContent-Length: 40\n\n\
             <title>500 Internal Server Error</title>"
        ));
        assert_eq!(v.layer, Some(Layer::App), "{server}: {v:?}");
    }
}
