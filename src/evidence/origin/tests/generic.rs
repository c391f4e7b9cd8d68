//! The readings that rest on no product's signature: a page's footer, a gateway's words in
//! the status line, a page a proxy on the path passed on, a bare status line, a web server's
//! file tag, a refusal before any handler, and the status as a weak prior when nothing on the
//! path left a mark.

use super::*;

#[test]
fn a_footer_names_who_wrote_a_page_pasted_alone() {
    // An Erlang server's 404 laid out like Apache's (and so like Pound's copy of it): only
    // the footer says who wrote it.
    let v = read(
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\"><HTML><HEAD><TITLE>404 Not Found\
         </TITLE></HEAD><BODY><H1>Not Found</H1>The requested URL /api/orders/7 was not found \
         on this server.<P><HR><address> Yaws 2.1.1 Server at api.internal:8080 </address>  \
         </BODY></HTML>",
    );
    assert_ne!(v.product.as_deref(), Some("Pound"), "{v:#?}");
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("signed by Yaws")));
    // A footer of a server the reader does not know: a server in front, named.
    let v = read(
        "<html><head><title>503 Service Unavailable</title></head><body><h1>Service \
         Unavailable</h1><hr><address>Hiawatha v11.2 Server at api.example.com</address>\
         </body></html>",
    );
    assert_eq!(v.product.as_deref(), Some("hiawatha"), "{v:#?}");
    assert_eq!(v.label(), "a server in front of the app");
}

#[test]
fn an_app_server_acting_as_the_gateway_is_read_by_its_words() {
    // Twisted's reverse proxy with its upstream down: the app server's own name, but a
    // status line and a body about the connection to upstream.
    let v = read(
        "HTTP/1.1 501 Gateway error\nServer: TwistedWeb/26.10.0\nDate: Thu, 03 Dec 2026 \
         10:00:13 GMT\nContent-Type: text/html\nTransfer-Encoding: chunked\n\n\
         <H1>Could not connect</H1>",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("Twisted"));
    assert!(v.confidence < Confidence::High);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("speaks of its upstream (\"could not connect\")"))
    );
    assert!(v.check.is_some());
}

#[test]
fn a_page_that_is_not_the_proxys_own_was_passed_on() {
    // nginx stamps its Server and a request id on everything; the page is the app's.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nServer: nginx/1.24.0\nDate: Thu, 03 Dec 2026 \
         10:00:09 GMT\nContent-Type: text/html;charset=UTF-8\nContent-Length: 97\n\
         X-Request-ID: 5b0c1e8f9a2d4c6b8e7f0a1b2c3d4e5f\n\n<!DOCTYPE html><html><head>\
         <title>Server Error</title></head><body><h1>Oops, that broke</h1></body></html>",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(v.confidence < Confidence::High);
    // Not nginx's page, and typed as a framework types its pages (nginx adds no charset).
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("charset=utf-8 is what the app's framework sets"))
    );
    // The same page served by nginx as a file (a strong ETag): its custom error page.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nServer: nginx/1.24.0\nContent-Type: text/html\n\
         Content-Length: 97\nETag: \"6b0418d7-61\"\n\n<!DOCTYPE html><html><head><title>Error\
         </title></head><body><h1>An error occurred.</h1></body></html>",
    );
    assert_ne!(v.layer, Some(Layer::App), "{v:#?}");
}

#[test]
fn a_transcript_with_a_bare_status_line_is_an_app_servers_answer() {
    let v = read(
        "$ curl -sv http://127.0.0.1:8080/api/x\n> GET /api/x HTTP/1.1\n> Host: 127.0.0.1:8080\n\
         >\n< HTTP/1.1 414 URI Too Long\n* no chunk, no close, no size. Assume close to signal \
         end\n<\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(v.confidence < Confidence::High);
    // A status line pasted alone shows nothing of what was left out: no reading.
    let v = read("HTTP/1.1 502 Bad Gateway\n");
    assert_ne!(v.layer, Some(Layer::App), "{v:#?}");
    let v = read("HTTP/1.1 500 Internal Server Error\n");
    assert!(
        !v.reasons.iter().any(|r| r.contains("bare status line")),
        "{v:#?}"
    );
}

#[test]
fn a_bare_400_to_an_outsize_header_is_varnishs_refusal() {
    // Round 124's capture: a 9 KB header sent through Varnish, which refused it with a status
    // line and nothing else. `curl -si` shows no request line, only the command.
    let header = format!("X-Debug-Trace: {}", "a".repeat(9000));
    let v = read(&format!(
        "$ curl -si -H '{header}' http://api.wicken.test:62005/api/orders/1\n\
         HTTP/1.1 400 Bad Request\n\n"
    ));
    assert_eq!(v.layer, Some(Layer::Cdn), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("Varnish"));
    assert!(v.confidence < Confidence::High);
    // The status line cut from the same output, no blank line under it: its headers were
    // left out, not missing.
    let v = read(&format!(
        "$ curl -si -H '{header}' http://api.wicken.test:62005/api/orders/1\n\
         HTTP/1.1 400 Bad Request"
    ));
    assert_ne!(v.layer, Some(Layer::Cdn), "{v:#?}");
    // The same refusal to an ordinary request stays a guess between Puma and Varnish.
    let v = read(
        "$ curl -sv http://127.0.0.1:8080/api/x\n> GET /api/x HTTP/1.1\n> Host: 127.0.0.1:8080\n\
         >\n< HTTP/1.1 400 Bad Request\n<\n",
    );
    assert_ne!(v.layer, Some(Layer::Cdn), "{v:#?}");
    // A body pasted alone after the same command shows no status line: nothing bare about it.
    let v = read(&format!(
        "$ curl -s -H '{header}' http://127.0.0.1:8080/api/x\n\
         431 Request Header Fields Too Large"
    ));
    assert!(
        !v.reasons.iter().any(|r| r.contains("not one header")),
        "{v:#?}"
    );
}

#[test]
fn the_status_is_a_weak_prior_only_when_nothing_on_the_path_speaks() {
    // A framework's short text 500 with nothing in front: the app, as a guess with its check.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 10:00:20 GMT\n\
         Content-Type: text/plain;charset=utf-8\nContent-Length: 21\n\nSomething went wrong!",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.check.is_some());
    // The same words on a 503 or a 401: proxies and identity layers answer those by
    // themselves as often, so no prior.
    for status in ["503 Service Unavailable", "401 Unauthorized"] {
        let v = read(&format!(
            "HTTP/1.1 {status}\nDate: Thu, 03 Dec 2026 10:00:20 GMT\nContent-Type: text/plain\n\
             Content-Length: 21\n\nSomething went wrong!"
        ));
        assert!(
            !v.reasons
                .iter()
                .any(|r| r.contains("mostly the app's own answer")),
            "{status}: {v:#?}"
        );
    }
}

#[test]
fn a_server_header_that_names_a_host_names_no_product() {
    let v = read(
        "HTTP/1.1 404 Not Found\nContent-Type: text/html; charset=utf-8\nTransfer-Encoding: \
         chunked\nDate: Thu, 03 Dec 2026 14:02:20 GMT\nServer: localhost\n\nnot found",
    );
    assert_ne!(v.product.as_deref(), Some("localhost"), "{v:#?}");
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    for host in ["api-7.internal", "10.0.3.7", "web01.prod.example.com"] {
        let v = read(&format!(
            "HTTP/1.1 500 Internal Server Error\nServer: {host}\nContent-Type: text/plain\n\
             Content-Length: 5\n\noops!"
        ));
        assert_ne!(v.product.as_deref(), Some(host), "{host}: {v:#?}");
    }
}

#[test]
fn an_empty_error_typed_as_json_is_the_apps() {
    // The app set its content type and died before writing (PHP's fatal error under a
    // server that adds only a Date).
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 14:02:22 GMT\n\
         Content-Length: 0\nConnection: close\nContent-Type: application/json\n\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("typed as JSON")));
}

#[test]
fn body_headers_in_another_hand_than_the_hops_were_passed_on() {
    // Deno's lower-case names under Apache's capitalised Date and Server: Apache added its
    // name to an answer it forwarded.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 14:02:26 GMT\n\
         Server: Apache/2.4.71 (Debian)\ncontent-type: text/plain;charset=UTF-8\n\
         content-length: 21\nConnection: close\n\nInternal Server Error",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("another case")));
    // One hand throughout (nginx's own page): no such reading.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 14:02:26 GMT\n\
         Content-Type: text/html\nContent-Length: 157\nConnection: keep-alive\n\n<html>\n\
         <head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1>\
         </center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
    );
    assert!(
        !v.reasons.iter().any(|r| r.contains("another case")),
        "{v:#?}"
    );
    // A Node app's own names under Node's own Date, no Server: the app's layer, not a hop.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\ncontent-type: application/json; charset=utf-8\n\
         content-length: 27\nDate: Thu, 03 Dec 2026 14:02:26 GMT\nConnection: keep-alive\n\
         Keep-Alive: timeout=5\n\n{\"error\":\"database offline\"}",
    );
    assert!(
        !v.reasons.iter().any(|r| r.contains("another case")),
        "{v:#?}"
    );
}

#[test]
fn a_403_to_a_request_carrying_an_attack_is_the_firewalls() {
    // ModSecurity answers with Apache's own page: the request tells the WAF apart.
    let v = read(
        "$ curl -sv 'http://127.0.0.1:8080/api/search?q=1%27%20OR%20%271%27%3D%271'\n\
         > GET /api/search?q=1%27%20OR%20%271%27%3D%271 HTTP/1.1\n> Host: 127.0.0.1:8080\n>\n\
         < HTTP/1.1 403 Forbidden\n< Date: Thu, 03 Dec 2026 14:44:09 GMT\n< Server: Apache\n\
         < Content-Length: 199\n< Content-Type: text/html; charset=iso-8859-1\n<\n\
         <!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 \
         Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to \
         access this resource.</p>\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::Waf), "{v:#?}");
    assert!(v.confidence <= Confidence::Medium);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("SQL injection in the URL"))
    );
    assert!(v.check.as_deref().is_some_and(|c| c.contains("without")));
    // A scanner's User-Agent does it too; the same page to a plain request does not.
    let scanner = read(
        "> GET /api/health HTTP/1.1\n> User-Agent: Nikto/2.1.6\n>\n< HTTP/1.1 403 Forbidden\n\
         < Server: Apache\n< Content-Type: text/html\n<\n<p>You don't have permission to access \
         this resource.</p>",
    );
    assert_eq!(scanner.layer, Some(Layer::Waf), "{scanner:#?}");
    let plain = read(
        "> GET /api/health HTTP/1.1\n> User-Agent: curl/8.5.0\n>\n< HTTP/1.1 403 Forbidden\n\
         < Server: Apache\n< Content-Type: text/html\n<\n<p>You don't have permission to access \
         this resource.</p>",
    );
    assert_ne!(plain.layer, Some(Layer::Waf), "{plain:#?}");
}

#[test]
fn a_server_name_without_a_version_says_nothing() {
    // An app's chosen name (restify's `name`, a config's `server-name`) is no product.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nServer: orders-api\nContent-Type: text/plain\n\
         Content-Length: 21\n\nInternal Server Error",
    );
    assert_ne!(v.layer, Some(Layer::Gateway), "{v:#?}");
    assert_ne!(v.product.as_deref(), Some("orders-api"));
    // A versioned one the reader does not know is still a server in front.
    let v = read(
        "HTTP/1.1 503 Service Unavailable\nServer: Hiawatha v11.2\nContent-Type: text/html\n\
         Content-Length: 40\n\n<html><body>Service unavailable</body></html>",
    );
    assert_eq!(v.label(), "a server in front of the app", "{v:#?}");
}

#[test]
fn a_json_error_typed_as_html_is_a_web_servers_error_file() {
    let v = read(
        "HTTP/1.1 404 Not Found\nContent-Type: text/html\nContent-Length: 70\n\
         Date: Thu, 03 Dec 2026 14:44:18 GMT\n\n{\"error\":\"not_found\",\"message\":\"no route \
         for this path\",\"status\":404}",
    );
    assert_ne!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("typed as HTML") || r.contains("text/html"))
    );
}

#[test]
fn a_proxys_own_refusal_of_a_request_with_a_token_is_the_token_checks() {
    let v = read(
        "> GET /api/orders HTTP/1.1\n> Authorization: Bearer abc.def.ghi\n>\n\
         < HTTP/1.1 403 Forbidden\n< Server: nginx/1.22.1\n< Content-Type: text/html\n<\n\
         <html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden\
         </h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::Identity), "{v:#?}");
    assert_eq!(v.confidence, Confidence::Low);
    assert!(
        v.check
            .as_deref()
            .is_some_and(|c| c.contains("known-good token"))
    );
}

#[test]
fn a_bare_502_page_with_no_one_named_is_only_a_guess() {
    // No Server, no hop header, no word of the upstream: an app's own 502 page reads the same.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nDate: Thu, 03 Dec 2026 14:43:57 GMT\nContent-Type: text/html; \
         charset=utf-8\nContent-Length: 61\n\n<html><body><h1>Payments are down</h1></body></html>",
    );
    assert_eq!(v.confidence, Confidence::Low, "{v:#?}");
    assert!(v.check.is_some());
    // In a proxy library's own words about the upstream it could not reach, a gateway's,
    // "medium"; in prose an app's page could use too, a guess.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nDate: Thu, 03 Dec 2026 14:43:57 GMT\nContent-Type: \
         application/json\nContent-Length: 61\n\n{\"error\":\"bad_gateway\",\"detail\":\"dial tcp \
         10.0.3.7:8080: connect: connection refused\"}",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:#?}");
    assert_eq!(v.confidence, Confidence::Medium, "{v:#?}");
    let v = read(
        "HTTP/1.1 504 Gateway Timeout\nDate: Thu, 03 Dec 2026 14:43:57 GMT\nContent-Type: \
         text/html\nContent-Length: 90\n\n<html><body><h1>504 Gateway Timeout</h1><p>The upstream \
         server did not respond in time.</p></body></html>",
    );
    assert_eq!(v.confidence, Confidence::Low, "{v:#?}");
}

#[test]
fn a_proxys_own_password_check_is_the_identity_layer() {
    let v = read(
        "HTTP/1.1 401 Unauthorized\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 15:01:58 GMT\n\
         Content-Type: text/html\nContent-Length: 179\nWWW-Authenticate: Basic realm=\"ops\"\n\n\
         <html>\n<head><title>401 Authorization Required</title></head>\n<body>\n<center><h1>401 \
         Authorization Required</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::Identity), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("nginx"));
}

#[test]
fn an_apps_refusal_is_never_sure_to_be_the_apps() {
    // Tornado's own name and a JSON refusal with the request id: an auth gateway built on the
    // same framework writes the very same.
    let v = read(
        "HTTP/1.1 401 Unauthorized\nServer: TornadoServer/6.4.2\nContent-Type: application/json; \
         charset=UTF-8\nDate: Thu, 03 Dec 2026 15:01:58 GMT\nX-Request-Id: 9f1c2d\n\
         Content-Length: 80\n\n{\"error\":\"unauthorized\",\"message\":\"missing API key\",\
         \"request_id\":\"9f1c2d\"}",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert_eq!(v.confidence, Confidence::Medium, "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("auth gateway")));
}

#[test]
fn why_the_layer_is_not_the_products_usual_one_leads() {
    // The one-line reading the notes show is the first reason: it says why a WAF, not only
    // whose page.
    let v = read(
        "$ curl -sv 'http://127.0.0.1:8080/api/search?q=1%27%20OR%20%271%27%3D%271'\n\
         > GET /api/search?q=1%27%20OR%20%271%27%3D%271 HTTP/1.1\n>\n< HTTP/1.1 403 Forbidden\n\
         < Server: Apache\n< Content-Type: text/html\n<\n<p>You don't have permission to access \
         this resource.</p>",
    );
    assert_eq!(v.layer, Some(Layer::Waf), "{v:#?}");
    assert!(v.reasons[0].contains("SQL injection"), "{:?}", v.reasons[0]);
    assert_eq!(
        v.reasons
            .iter()
            .filter(|r| r.contains("SQL injection"))
            .count(),
        1
    );
}

#[test]
fn a_500_that_mentions_an_upstream_is_the_apps_own() {
    // Werkzeug's capitals and a JSON error telling of a dependency: a gateway whose upstream
    // failed would have said 502, 503 or 504.
    let v = read(
        "HTTP/1.1 500 INTERNAL SERVER ERROR\nServer: gunicorn\nContent-Type: application/json\n\
         X-Cache: MISS from shop.example.test\n\n{\"error\":{\"code\":\"report_failed\",\
         \"message\":\"report failed: upstream ledger returned garbage\"}}",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    // The same words on a 502 still speak for a gateway.
    let gateway = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: application/json\n\n\
         {\"error\":\"bad_gateway\",\"message\":\"upstream returned garbage\"}",
    );
    assert_ne!(gateway.layer, Some(Layer::App), "{gateway:#?}");
}

#[test]
fn a_422_or_409_under_a_front_that_replaces_everything_leans_to_the_app() {
    // nginx writes its Server and Date on everything; a validation error is still the app's.
    let v = read(
        "HTTP/1.1 422 Unprocessable Entity\nServer: nginx/1.22.1\n\
         Date: Fri, 04 Dec 2026 13:55:09 GMT\nContent-Type: application/json\n\
         X-Request-ID: 0f52069a256f3c3ddd9813a87d4246f7\n\n\
         {\"error\":\"validation_failed\",\"message\":\"field 'ref' is required\"}",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("judges what the request meant"))
    );
}

#[test]
fn haproxys_own_404_is_not_webobs() {
    let v = read(
        "< HTTP/1.1 404 Not Found\n< content-length: 83\n< cache-control: no-cache\n\
         < content-type: text/html\n<\n<html><body><h1>404 Not Found</h1>\n\
         The resource could not be found.\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::LoadBalancer), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("HAProxy"));
}

/// Squid with its Via and X-Cache removed still writes Age: the app's stored answer is not
/// read as the app's for sure, and the check says how to tell.
#[test]
fn a_lone_age_header_keeps_a_success_from_being_sure() {
    let hit = read(include_str!(
        "../../../../tests/fixtures/evidence-round66/squid-200-invoice-hit.txt"
    ));
    assert!(hit.confidence < Confidence::High, "{hit:#?}");
    assert!(
        hit.check
            .as_deref()
            .is_some_and(|c| c.contains("Age that grows"))
    );
}

/// Varnish's HIT of the app's JSON, with Caddy behind it (round 68): the stored answer's JSON
/// and Date are the app's; the two ids and the HIT say who answered.
#[test]
fn a_stored_success_is_the_caches_whatever_the_app_wrote_into_it() {
    let hit = read(include_str!(
        "../../../../tests/fixtures/evidence-round68/varnish-200-invoice-hit-caddy.txt"
    ));
    assert_eq!(hit.layer, Some(Layer::Cdn), "{:?}", hit.reasons);
    assert!(
        hit.reasons
            .iter()
            .any(|r| r.contains("kept whole in the cache's store"))
    );
}

/// `HAProxy`'s cache replays the stored status line as it came: hypercorn's "200" with no reason
/// phrase says who wrote the object, not who answered (round 74).
#[test]
fn a_stored_status_line_without_a_reason_says_nothing_of_who_answered() {
    let hit = read(include_str!(
        "../../../../tests/fixtures/evidence-round74/haproxy-200-product-hit.txt"
    ));
    assert_eq!(hit.layer, Some(Layer::Cdn), "{:?}", hit.reasons);
    assert!(
        hit.reasons
            .iter()
            .any(|r| r.contains("no reason phrase") && r.contains("kept whole"))
    );
}

#[test]
fn a_web_servers_file_tag_is_its_size_and_time_in_hex() {
    use super::super::files::web_server_file_tag;
    // nginx (time-size), Apache (size-time, or inode-size-time), as captured.
    assert!(web_server_file_tag("\"6b1321a4-0\""));
    assert!(web_server_file_tag("\"576-66187351f8000\""));
    assert!(web_server_file_tag("\"1a2b-576-66187351f8000\""));
    // An app's own strong tags, in words or a hash.
    assert!(!web_server_file_tag("\"daily-41\""));
    assert!(!web_server_file_tag("\"catalog-v7\""));
    assert!(!web_server_file_tag("\"5d41402abc4b2a76b9719d911017c592\""));
}

#[test]
fn a_redirect_an_app_writes_is_not_haproxys() {
    // Sinatra under Puma sends no Date either, but types its body and leaves Rack's marks.
    let v = read(
        "HTTP/1.1 301 Moved Permanently\nlocation: https://api.example.test/v2/items/7\n\
         content-type: text/html;charset=utf-8\nx-content-type-options: nosniff\n\
         content-length: 0\n\n",
    );
    assert_ne!(v.layer, Some(Layer::LoadBalancer), "{:?}", v.reasons);
}

#[test]
fn a_success_with_a_web_servers_file_tag_is_a_file_it_served() {
    // Apache's health answer, a static JSON file (round 86): the app never saw the request.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round86/apache-200-healthz-h2.txt"
    ));
    assert_eq!(v.layer, Some(Layer::Gateway), "{:?}", v.reasons);
    assert!(
        v.reasons.iter().any(|r| r.contains("a file it served")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn a_refusal_before_any_handler_is_the_first_server_that_parsed_the_request() {
    // Caddy's Go server refusing headers over its limit (round 83): no Date, no Server.
    let v = read(
        "HTTP/1.1 431 Request Header Fields Too Large\nContent-Type: text/plain; charset=utf-8\n\
         Connection: close\n\n431 Request Header Fields Too Large",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{:?}", v.reasons);
    assert_eq!(v.confidence, Confidence::Low, "{:?}", v.reasons);
    assert!(
        v.check
            .is_some_and(|c| c.contains("curl the upstream directly"))
    );
    // Node's, with no body at all.
    let node = read("HTTP/1.1 431 Request Header Fields Too Large\nConnection: close\n\n");
    assert_eq!(node.layer, Some(Layer::Gateway), "{:?}", node.reasons);
    // A Python app server's own refusal page names it.
    let uvicorn = read(include_str!(
        "../../../../tests/fixtures/evidence-round2/uvicorn-400-direct-bad-header.txt"
    ));
    assert_eq!(uvicorn.layer, Some(Layer::App), "{:?}", uvicorn.reasons);
}

#[test]
fn a_paste_cut_inside_its_headers_shows_no_body_rather_than_an_empty_one() {
    // Round 94's Apache 503, cut from `curl -sv` after three headers, as a terminal pastes it.
    let cut = "< HTTP/1.1 503 Service Unavailable\r< Date: Fri, 04 Dec 2026 22:00:42 GMT\r< Server: Apache/2.4.71 (Debian)\r< X-Request-Id: axM4Ct1gTD_odc5XrcLTuAAAAAg\r";
    let v = read(&cut.replace('\r', "\n"));
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("the paste ends inside the headers")),
        "{v:#?}"
    );
    assert!(
        !v.reasons.iter().any(|r| r.contains("empty body")),
        "{v:#?}"
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:#?}");
    // Closed by its blank line, the same headers show a body that was empty.
    let closed = read(&format!("{}<\n", cut.replace('\r', "\n")));
    assert!(
        closed.reasons.iter().any(|r| r.contains("empty body")),
        "{closed:#?}"
    );
    // Cut after a `Content-Length: 0`, the body is known to be empty all the same.
    let cut_after_length =
        read("HTTP/1.1 503 Service Unavailable\nServer: Apache/2.4.71 (Debian)\nContent-Length: 0");
    assert!(
        !cut_after_length
            .reasons
            .iter()
            .any(|r| r.contains("the body was not shown")),
        "{cut_after_length:#?}"
    );
}

#[test]
fn haproxys_id_on_a_dated_error_over_http2_says_haproxy_passed_it_on() {
    // Round 100's gin page behind HAProxy over HTTP/2: HAProxy's id, the app's Date.
    let gin = "< HTTP/2 503 \n< cache-control: no-store\n< content-type: text/html; charset=utf-8\n< date: Fri, 04 Dec 2026 23:07:01 GMT\n< content-length: 194\n< x-request-id: 7F000001:C33E_7F000001:F3C4_6B134795_0007:7127\n<\n<!DOCTYPE html>\n<html><head><title>503 Service Unavailable - Tamarack Supply</title></head>\n<body><h1>Service Unavailable</h1><p>Statements are being rebuilt. Try again later.</p></body></html>";
    let v = read(gin);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("HAProxy's unique id with a Date")),
        "{v:#?}"
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    // Without the Date it may be HAProxy's own page: the id says nothing more.
    let undated = read(&gin.replace("< date: Fri, 04 Dec 2026 23:07:01 GMT\n", ""));
    assert!(
        !undated
            .reasons
            .iter()
            .any(|r| r.contains("HAProxy's unique id")),
        "{undated:#?}"
    );
}
