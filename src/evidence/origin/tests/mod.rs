//! Tests of the origin classification, through `classify` and the public types: here the
//! general cases (proxies' pages, caches, tokens, unknown, the JSON form); the app servers'
//! own answers in `apps`, the proxies' own and passed-on answers in `proxies`.

use super::*;
use crate::evidence::response::parse;

mod apps;
mod configured;
mod generic;
mod passed_on;
mod proxies;
mod through_caches;

/// Reads a paste as it arrives (CR LF line breaks from a terminal), through the one way in.
fn read(text: &str) -> Origin {
    // Every line ending as a terminal pastes it, whichever the capture was saved with.
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    classify(&parse(&crate::text::normalize(&crlf)))
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
    // nginx's own 404 page: sure of the product, not of whether it proxied or served files.
    assert_eq!(v.confidence, Confidence::Medium);
    assert!(v.check.as_deref().is_some_and(|c| c.contains("location")));
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
        "HTTP/1.1 503 Service Unavailable\nServer: Cherokee/1.2.104\nContent-Type: text/html\n\
         Date: Mon, 23 Nov 2026 10:43:59 GMT\n\n<?xml version=\"1.0\"?>\n<html><head>\
         <title>503 Service Not Available</title></head><body><h1>503 Service Not Available</h1>\
         </body></html>",
    );
    assert_eq!(v.who(), "a server in front of the app (Cherokee)");
    assert!(v.check.is_some(), "not sure, so it says how to settle it");
    // The same server on an app's JSON error is only the last hop.
    let passed = read(
        "HTTP/1.1 503 Service Unavailable\nServer: Cherokee/1.2.104\nContent-Type: application/json\n\n\
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
