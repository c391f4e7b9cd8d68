//! Proxies and caches: the status line's wording, answers passed on with their marks, a
//! proxy's own answers, and where the evidence cannot tell.

use super::{check_cases, read};
use crate::evidence::origin::*;

#[test]
fn a_front_page_of_what_other_layers_answer_too_is_at_most_medium() {
    check_cases(&[
        (
            "Apache's 405 for TRACE: its TraceEnable and a firewall rule write the same page",
            "HTTP/1.1 405 Method Not Allowed\nDate: Fri, 04 Dec 2026 03:05:56 GMT\nServer: Apache/2.4.71 (Debian)\nAllow: \nContent-Length: 262\nContent-Type: text/html; charset=iso-8859-1\n\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n<html><head>\n<title>405 Method Not Allowed</title>\n</head><body>\n<h1>Method Not Allowed</h1>\n<p>The requested method TRACE is not allowed for this URL.</p>\n</body></html>",
            Some(Layer::Gateway),
            Some("Apache"),
            Confidence::Medium,
        ),
        (
            "nginx's own 412 page: its cache or a file it serves as well as a proxy's rule",
            "< HTTP/1.1 412 Precondition Failed\n< Server: nginx/1.22.1\n< Date: Fri, 04 Dec 2026 03:05:56 GMT\n< Content-Type: text/html\n< Content-Length: 173\n<\n<html>\n<head><title>412 Precondition Failed</title></head>\n<body>\n<center><h1>412 Precondition Failed</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Medium,
        ),
    ]);
}

#[test]
fn the_status_lines_wording_says_who_wrote_it() {
    check_cases(&[
        (
            "HAProxy's 504 passed on by nginx: both word it `Gateway Time-out`, the page is HAProxy's",
            "< HTTP/1.1 504 Gateway Time-out\n< Server: nginx/1.22.1\n< Date: Fri, 04 Dec 2026 03:26:57 GMT\n< Content-Type: text/html\n< Content-Length: 92\n< cache-control: no-cache\n<\n<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>",
            Some(Layer::LoadBalancer),
            Some("HAProxy"),
            Confidence::High,
        ),
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
            "an app's maintenance page streamed through Apache in chunks: Apache's name on it \
             says nothing more",
            "< HTTP/1.1 503 Service Unavailable\n< Date: Fri, 04 Dec 2026 02:09:26 GMT\n< Server: Apache/2.4.71 (Debian)\n< Content-Type: text/html; charset=utf-8\n< Retry-After: 3600\n< Transfer-Encoding: chunked\n<\n<html><head><title>Scheduled maintenance</title></head>\n<body><h2>Scheduled maintenance</h2>\n<p>Back soon.</p></body></html>",
            Some(Layer::App),
            None,
            Confidence::Low,
        ),
        (
            "HAProxy's JSON error file keeping its stock sentence, pasted alone",
            "{\"error\":{\"code\":\"service_unavailable\",\"message\":\"No server is available to handle this request.\",\"status\":503}}",
            Some(Layer::LoadBalancer),
            Some("HAProxy"),
            Confidence::Medium,
        ),
        (
            "an empty 500 under nginx's name: nginx writes its page on every error it makes",
            "< HTTP/1.1 500 Internal Server Error\n< Server: nginx\n< Date: Fri, 04 Dec 2026 02:40:12 GMT\n< Content-Length: 0\n< Connection: keep-alive\n< X-Request-ID: 5f0c1d2e3b4a59687766554433221100\n<\n",
            Some(Layer::App),
            None,
            Confidence::Low,
        ),
        (
            "an empty 503 under nginx's name over HTTP/2 with a file's tag: its empty error_page",
            "< HTTP/2 503 \r< server: nginx/1.22.1\r< date: Fri, 04 Dec 2026 20:25:12 GMT\r< content-type: text/plain\r< content-length: 0\r< etag: \"6b1321a4-0\"\r< x-request-id: d60d4646396a8faaa35273bda5611f14\r<\r",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Medium,
        ),
        (
            "nginx's stub_status page: a success nginx answers itself",
            "HTTP/1.1 200 OK\nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 19:12:12 GMT\nContent-Type: text/plain\nContent-Length: 100\nConnection: keep-alive\n\nActive connections: 1 \nserver accepts handled requests\n 7 7 7 \nReading: 0 Writing: 1 Waiting: 0 \n",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Medium,
        ),
        (
            "HAProxy's redirect rule: where to go and nothing else, names in lower case",
            "$ curl -si http://api.tamarind.test:65104/api/orders/1\nHTTP/1.1 301 Moved Permanently\ncontent-length: 0\nlocation: https://api.tamarind.test:65104/api/orders/1\n\n",
            Some(Layer::LoadBalancer),
            Some("HAProxy"),
            Confidence::Medium,
        ),
        (
            "a status line and nginx's Server pasted alone: the page was left out, not empty",
            "< HTTP/1.1 502 Bad Gateway\r< Server: nginx\r<\r",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Low,
        ),
        (
            "an app's own 502 in JSON through HAProxy: names in lower case, but dated upstream",
            "HTTP/1.1 502 Bad Gateway\ncontent-type: application/json\ndate: Fri, 04 Dec 2026 02:09:44 GMT\ncontent-length: 72\n\n{\"detail\":\"payments-svc returned malformed JSON\",\"error\":\"bad_gateway\"}",
            Some(Layer::App),
            None,
            Confidence::Low,
        ),
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
            Some(Layer::Cdn),
            Some("nginx"),
            Confidence::High,
        ),
    ]);
}

#[test]
fn where_the_evidence_cannot_tell_it_says_unknown() {
    check_cases(&[
        (
            "nginx writes its own Server on everything: a JSON limit error under it with no mark of the app",
            "< HTTP/1.1 429 Too Many Requests\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 07:46:49 GMT\n< Content-Type: application/json\n< Content-Length: 24\n<\n{\"error\":\"rate_limited\"}",
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
/// from its store is Apache's, working as a cache, and a success from the store the cache's,
/// not the app's.
#[test]
fn apaches_own_cache_answers_are_apaches_not_squids() {
    let not_modified = read(
        "< HTTP/1.1 304 Not Modified\n< Date: Thu, 03 Dec 2026 09:21:12 GMT\n\
         < Server: Apache/2.4.71 (Debian)\n< ETag: \"catalog-v7\"\n< X-Powered-By: PHP/8.2.36\n\
         < Cache-Control: public, max-age=1\n< Age: 0\n< X-Cache: HIT from 127.0.0.1\n\
         < X-Cache-Detail: \"cache hit\" from 127.0.0.1\n<\n",
    );
    assert_eq!(not_modified.layer, Some(Layer::Cdn));
    assert_eq!(not_modified.product.as_deref(), Some("Apache"));
    let head = read(
        "HTTP/1.1 200 OK\nDate: Thu, 03 Dec 2026 09:21:12 GMT\nServer: Apache/2.4.71 (Debian)\n\
         ETag: \"catalog-v7\"\nX-Powered-By: PHP/8.2.36\nCache-Control: public, max-age=1\nAge: 0\n\
         X-Cache: HIT from 127.0.0.1\nX-Cache-Detail: \"cache hit\" from 127.0.0.1\n\
         Content-Length: 75\nContent-Type: application/json\n\n",
    );
    assert_eq!(head.layer, Some(Layer::Cdn));
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

#[test]
fn an_error_a_cache_kept_was_made_upstream() {
    // nginx's cache serving the app's 404 it stored: nginx never stores its own pages.
    let v = read(
        "$ curl -si http://127.0.0.1:8080/api/orders/7\nHTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 15:59:17 GMT\nContent-Type: application/json\nContent-Length: 51\nX-Cache-Status: HIT\n\n{\"error\":\"not_found\",\"message\":\"order 7 not found\"}",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert!(
        v.reasons.iter().any(|r| r.contains("made upstream")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn an_attack_in_the_form_body_makes_apaches_403_the_firewalls() {
    let v = read(
        "$ curl -sv -d 'sku=1 UNION SELECT password FROM users' http://127.0.0.1:8080/waf/api/orders\n> POST /waf/api/orders HTTP/1.1\n> Host: 127.0.0.1:8080\n> User-Agent: curl/7.88.1\n> Content-Type: application/x-www-form-urlencoded\n>\n< HTTP/1.1 403 Forbidden\n< Date: Thu, 03 Dec 2026 15:59:19 GMT\n< Server: Apache\n< Content-Length: 199\n< Content-Type: text/html; charset=iso-8859-1\n<\n<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::Waf), "{v:?}");
    assert!(
        v.reasons.iter().any(|r| r.contains("request body")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn varnish_wording_its_own_status_line_under_its_hop_headers_made_it() {
    let v = read(
        "HTTP/1.1 503 Backend fetch failed\nDate: Thu, 03 Dec 2026 16:37:50 GMT\nContent-Type: application/json\nRetry-After: 5\nX-Varnish: 32773\nAge: 0\nVia: 1.1 varnish (Varnish/7.1)\nContent-Length: 60\n\n{\"error\":\"backend_unavailable\",\"message\":\"origin down\"}",
    );
    assert_eq!(v.layer, Some(Layer::Cdn), "{v:?}");
    assert_eq!(v.product.as_deref(), Some("Varnish"));
}

#[test]
fn a_login_page_a_proxy_answers_401_with_is_the_identity_layers() {
    // Apache's mod_auth_form: its own 401 with a static login form, no challenge.
    let v = read(
        "HTTP/1.1 401 Unauthorized\nDate: Thu, 03 Dec 2026 16:37:47 GMT\nServer: Apache\nLast-Modified: Thu, 03 Dec 2026 16:30:00 GMT\nContent-Length: 120\nContent-Type: text/html\n\n<html><body><form method=\"post\" action=\"/dologin\"><input name=\"httpd_password\" type=\"password\"></form></body></html>",
    );
    assert_eq!(v.layer, Some(Layer::Identity), "{v:?}");
    assert!(v.confidence <= Confidence::Medium);
}

#[test]
fn jettys_proxy_servlet_naming_itself_on_its_page_made_the_502() {
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nConnection: close\nCache-Control: must-revalidate,no-cache,no-store\nContent-Type: text/html;charset=iso-8859-1\nContent-Length: 509\nServer: Jetty(9.4.57.v20241219)\n\n<html>\n<head>\n<title>Error 502 Bad Gateway</title>\n</head>\n<body><h2>HTTP ERROR 502 Bad Gateway</h2>\n<table>\n<tr><th>URI:</th><td>/api/orders</td></tr>\n<tr><th>STATUS:</th><td>502</td></tr>\n<tr><th>MESSAGE:</th><td>Bad Gateway</td></tr>\n<tr><th>SERVLET:</th><td>org.eclipse.jetty.proxy.ProxyServlet$Transparent-6d00a15d</td></tr>\n</table>\n<hr/><a href=\"https://jetty.org/\">Powered by Jetty:// 9.4.57.v20241219</a><hr/>\n</body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:?}");
    assert_eq!(v.product.as_deref(), Some("Jetty"));
    // The same page from a servlet of the app's: the app, but a gateway's status is never a
    // sure reading for it.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: text/html;charset=iso-8859-1\nContent-Length: 400\nServer: Jetty(9.4.57.v20241219)\n\n<html>\n<head>\n<title>Error 502 Bad Gateway</title>\n</head>\n<body><h2>HTTP ERROR 502 Bad Gateway</h2>\n<table>\n<tr><th>SERVLET:</th><td>com.example.OrdersServlet-1b2c</td></tr>\n</table>\n<hr/><a href=\"https://jetty.org/\">Powered by Jetty:// 9.4.57.v20241219</a><hr/>\n</body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert!(v.confidence <= Confidence::Medium, "{v:?}");
}

#[test]
fn a_web_servers_404_for_a_script_it_runs_itself_is_the_sites_own() {
    let page = "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n";
    let paste = |path: &str| {
        format!(
            "$ curl -si http://127.0.0.1:30053{path}\nHTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 17:11:20 GMT\nContent-Type: text/html\nContent-Length: {}\nConnection: keep-alive\n\n{page}",
            page.len()
        )
    };
    let script = read(&paste("/old/report.php?id=3"));
    assert_eq!(script.layer, Some(Layer::App), "{:?}", script.reasons);
    assert_eq!(script.confidence, Confidence::Medium);
    assert!(
        script
            .check
            .as_deref()
            .is_some_and(|c| c.contains("document root"))
    );
    // The same page for an API route is nginx's own: no location for it.
    assert_eq!(read(&paste("/api/orders")).layer, Some(Layer::Gateway));
}

#[test]
fn stock_pages_of_the_rarer_statuses_name_their_product() {
    // HAProxy's 410 as it writes it: no Date, no Server, lower-case names.
    let haproxy = "HTTP/1.1 410 Gone\ncontent-length: 114\ncache-control: no-cache\ncontent-type: text/html\n\n<html><body><h1>410 Gone</h1>\nThe resource is no longer available and will not be available again.\n</body></html>\n";
    let origin = read(haproxy);
    assert_eq!(
        origin.layer,
        Some(Layer::LoadBalancer),
        "{:?}",
        origin.reasons
    );
    assert_eq!(origin.product.as_deref(), Some("HAProxy"));
    // Apache's 422 over an app's error (ProxyErrorOverride), the app's reason phrase kept.
    let apache = "HTTP/1.1 422 UNPROCESSABLE ENTITY\nDate: Thu, 03 Dec 2026 17:29:09 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Length: 325\nContent-Type: text/html; charset=iso-8859-1\n\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n<html><head>\n<title>422 UNPROCESSABLE ENTITY</title>\n</head><body>\n<h1>UNPROCESSABLE ENTITY</h1>\n<p>The server understands the media type of the\nrequest entity, but was unable to process the\ncontained instructions.</p>\n</body></html>\n";
    let origin = read(apache);
    assert_eq!(origin.layer, Some(Layer::Gateway), "{:?}", origin.reasons);
    assert_eq!(origin.product.as_deref(), Some("Apache"));
}

/// Captures from rounds 22 to 29 (`tests/fixtures/evidence-round*`), as pasted, for the rules
/// those rounds taught.
#[test]
fn answers_the_later_rounds_taught() {
    check_cases(&[
        (
            "a 304 through Squid that says MISS: the app answered the conditional Squid sent on",
            include_str!("../../../../tests/fixtures/evidence-round26/go-304-stock-squid.txt"),
            Some(Layer::App),
            None,
            Confidence::Low,
        ),
        (
            "a Bearer challenge on JSON written as HAProxy writes its own: its JWT check",
            include_str!("../../../../tests/fixtures/evidence-round29/haproxy-401-jwt-expired.txt"),
            Some(Layer::Identity),
            Some("HAProxy"),
            Confidence::Low,
        ),
        (
            "Go's http.Error under Apache's name: Apache writes its own errors as HTML",
            include_str!("../../../../tests/fixtures/evidence-round24/go-429-text-apache.txt"),
            Some(Layer::App),
            Some("Go net/http"),
            Confidence::Low,
        ),
        (
            "a readiness report quoting Go's dial error: the app speaking of its database",
            include_str!("../../../../tests/fixtures/evidence-round24/go-503-readiness-apache.txt"),
            Some(Layer::App),
            None,
            Confidence::Medium,
        ),
        (
            "Go's empty 500 passed on by Caddy: Date sorted in among the names says it came \
             from upstream, so Caddy's name adds nothing",
            "HTTP/1.1 500 Internal Server Error\nContent-Length: 0\nDate: Thu, 03 Dec 2026 09:24:44 GMT\nServer: Caddy\n\n",
            Some(Layer::App),
            None,
            Confidence::Low,
        ),
        (
            "a CORS preflight HAProxy answers itself: 204, no Vary, no mark of the app",
            include_str!(
                "../../../../tests/fixtures/evidence-round22/haproxy-204-cors-preflight.txt"
            ),
            Some(Layer::Gateway),
            None,
            Confidence::Low,
        ),
    ]);
}

/// Headers alone (`curl -sI`): nginx's own page is known by its length under its Server, and
/// an answer of another length under nginx's name is not read as its page.
#[test]
fn nginx_pages_known_by_their_length_in_headers_only_pastes() {
    let own = read(include_str!(
        "../../../../tests/fixtures/evidence-round50/head-nginx-403.txt"
    ));
    assert_eq!(own.layer, Some(Layer::Gateway), "{:?}", own.reasons);
    assert_eq!(own.product.as_deref(), Some("nginx"));
    assert!(own.reasons.iter().any(|r| r.contains("Content-Length 153")));
    let other = read(
        "HTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 05:28:57 GMT\nContent-Type: text/html; charset=utf-8\nContent-Length: 207\n\n",
    );
    assert!(
        !other.reasons.iter().any(|r| r.contains("exact length")),
        "{:?}",
        other.reasons
    );
}

#[test]
fn a_web_servers_welcome_page_is_its_default_site_whoever_shipped_the_page() {
    check_cases(&[
        (
            "Debian's nginx serving Apache's default page for a Host no site answers for",
            "HTTP/1.1 200 OK\nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 18:09:49 GMT\nContent-Type: text/html\nContent-Length: 10701\nLast-Modified: Fri, 04 Dec 2026 13:40:36 GMT\nETag: \"6b12c2d4-29cd\"\nAccept-Ranges: bytes\n\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n  <head>\n    <title>Apache2 Debian Default Page: It works</title>\n  </head>\n<body>It works!</body></html>",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Medium,
        ),
        (
            "nginx's own welcome page",
            "HTTP/1.1 200 OK\nServer: nginx/1.22.1\nContent-Type: text/html\nContent-Length: 615\n\n<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body><h1>Welcome to nginx!</h1></body>\n</html>",
            Some(Layer::Gateway),
            Some("nginx"),
            Confidence::Medium,
        ),
        (
            "Caddy's page with its Server header removed",
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\n\n<!DOCTYPE html>\n<html>\n<head>\n<title>Caddy works!</title>\n</head>\n<body></body>\n</html>",
            Some(Layer::Gateway),
            Some("Caddy"),
            Confidence::Medium,
        ),
    ]);
    let origin = read(
        "HTTP/1.1 200 OK\nServer: Apache/2.4.71 (Debian)\nContent-Type: text/html\n\n<html><body><h1>It works!</h1></body></html>\n",
    );
    assert!(
        origin.reasons[0].contains("default site"),
        "{:?}",
        origin.reasons
    );
    assert!(
        origin.check.as_deref().is_some_and(|c| c.contains("Host")),
        "{:?}",
        origin.check
    );
}

#[test]
fn a_caches_own_status_wording_passed_on_by_the_front_before_it_is_the_caches() {
    // Round 116's Varnish 503 (the app killed) passed on by nginx, headers only.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round116/head-varnish-503-app-killed-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::Cdn), "{:?}", v.reasons);
    assert_eq!(v.product.as_deref(), Some("Varnish"), "{:?}", v.reasons);
}

#[test]
fn an_html_page_under_h2os_name_came_from_upstream() {
    // Round 137's Django 503 page behind h2o, as wget -S prints it: h2o answers its own errors
    // with a line of plain text, so this page is the app's.
    let v = read(
        "HTTP/1.1 503 Service Unavailable\nDate: Sat, 05 Dec 2026 04:25:57 GMT\nConnection: \
         keep-alive\nContent-Length: 171\nServer: h2o/2.2.5\nContent-Type: text/html; \
         charset=utf-8\n\n<!DOCTYPE html>\n<html><head><title>503 Service Unavailable | \
         Wrenfield</title></head>\n<body><h1>Service Unavailable</h1><p>Statements are being \
         rebuilt.</p></body></html>\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    // h2o's own 502, in its plain text: still h2o's.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nDate: Sat, 05 Dec 2026 04:25:57 GMT\nConnection: \
         keep-alive\nContent-Length: 17\nServer: h2o/2.2.5\nContent-Type: text/plain; \
         charset=utf-8\n\nconnection failed",
    );
    assert_ne!(v.layer, Some(Layer::App), "{v:#?}");
}

#[test]
fn nginx_typing_an_error_text_html_with_no_charset_is_its_own_page_when_the_body_is_cut() {
    // Round 141: nginx's 413 pasted with its headers only, cut before the blank line.
    let v = read(
        "HTTP/1.1 413 Request Entity Too Large\nServer: nginx/1.22.1\n\
         Date: Sat, 05 Dec 2026 05:57:28 GMT\nContent-Type: text/html\n",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{:?}", v.reasons);
    assert_eq!(v.product.as_deref(), Some("nginx"), "{:?}", v.reasons);
    // An app's HTML error names its charset: it stays the app's.
    let app = read(
        "HTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Sat, 05 Dec 2026 05:57:28 GMT\n\
         Content-Type: text/html; charset=utf-8\nContent-Length: 231\n",
    );
    assert!(
        !app.reasons
            .iter()
            .any(|r| r.starts_with("nginx's page type")),
        "{:?}",
        app.reasons
    );
    assert_eq!(app.layer, Some(Layer::App), "{:?}", app.reasons);
}
