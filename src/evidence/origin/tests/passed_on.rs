//! Answers that passed a front and the front's own, told apart by what the front never does:
//! a charset, a signature or a header it always writes, a status it never sends, a status
//! line it always words; and the names that say what a server is.

use super::read;
use crate::evidence::origin::*;

#[test]
fn apaches_page_frame_names_it_on_errors_only() {
    // A code no listed sentence covers: the frame of the page is Apache's own.
    let misdirected = read(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n\
         <html><head>\n<title>421 Misdirected Request</title>\n</head><body>\n\
         <h1>Misdirected Request</h1>\n<p>The client needs a new connection for this\n\
         request as the requested host name does not match\nthe Server Name Indication (SNI) \
         in use for this\nconnection.</p>\n</body></html>",
    );
    assert_eq!(
        misdirected.product.as_deref(),
        Some("Apache"),
        "{misdirected:?}"
    );
    // Its redirect page is as often an identity module's: never a sure "proxy".
    let redirect = read(
        "HTTP/1.1 302 Found\nServer: Apache/2.4.71 (Debian)\nLocation: https://sso.example.test/\n\
         Content-Type: text/html; charset=iso-8859-1\n\n\
         <!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n\
         <html><head>\n<title>302 Found</title>\n</head><body>\n<h1>Found</h1>\n\
         <p>The document has moved <a href=\"https://sso.example.test/\">here</a>.</p>\n\
         </body></html>",
    );
    assert_ne!(redirect.confidence, Confidence::High, "{redirect:?}");
}

#[test]
fn a_bare_status_line_is_not_always_an_app_servers() {
    // Varnish refuses an Expect it does not know with a status line alone.
    let expect = read(
        "> GET /api/catalog HTTP/1.1\n> Host: 127.0.0.1:6081\n> Expect: 200-ok\n>\n\
         < HTTP/1.1 417 Expectation Failed\n* no chunk, no close, no size. Assume close to signal end\n<\n",
    );
    assert_eq!(expect.layer, Some(Layer::Cdn), "{expect:?}");
    assert_eq!(expect.product.as_deref(), Some("Varnish"));
    // A bare 400: Puma and Unicorn write it, and so does Varnish: never "medium" for either.
    let bad = read(
        "> GET /api/accounts/1 HTTP/1.1\n> Host: 127.0.0.1:9292\n>\n< HTTP/1.1 400 Bad Request\n<\n",
    );
    assert_ne!(bad.confidence, Confidence::High, "{bad:?}");
    assert_ne!(bad.confidence, Confidence::Medium, "{bad:?}");
}

#[test]
fn a_server_named_without_a_version_counts_when_it_signs_its_page() {
    // A bare word in Server is as often a name an app chose; signed at the page's foot with
    // the same word, it is the server's own page.
    let signed = read(
        "HTTP/1.1 404 Not Found\nConnection: close\nServer: relayd\n\n\
         <!DOCTYPE html><html><head><title>No proxy endpoint found</title><style>\n\
         body { line-height: 18px; }\n</style></head><body><h1>No proxy endpoint found</h1>\
         <hr/><span>relayd</span></body></html>",
    );
    assert_eq!(signed.layer, Some(Layer::Gateway), "{signed:?}");
    assert_eq!(signed.product.as_deref(), Some("relayd"));
    // A style sheet's "1" names no order 1 of the request.
    let curl = format!(
        "$ curl -si http://127.0.0.1:8080/api/orders/1\n{}",
        "HTTP/1.1 404 Not Found\nServer: orders\n\n<!DOCTYPE html><html><head><style>p { line-height: 1; }</style></head><body><p>Nothing here</p></body></html>"
    );
    let unsigned = read(&curl);
    assert!(
        !unsigned
            .reasons
            .iter()
            .any(|r| r.contains("the body names 1")),
        "{unsigned:?}"
    );
}

#[test]
fn an_html_error_in_utf_8_under_apaches_name_came_from_upstream() {
    // Apache writes its own pages in ISO-8859-1; this 502 in UTF-8 with no file's date is the
    // app's own page, passed on: the 502 speaks for a gateway behind Apache at most, so never a
    // sure one.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nDate: Fri, 04 Dec 2026 13:55:15 GMT\n\
         Server: Apache/2.4.71 (Debian)\nContent-Type: text/html; charset=utf-8\n\
         Via: 1.1 shop.example.test\n\n<!doctype html>\n<html><head><title>502 Bad Gateway</title>\
         </head>\n<body>\n<h1>Bad Gateway</h1>\n<p>The payment provider answered with something \
         we could not read.</p>\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert_ne!(v.confidence, Confidence::High, "{v:?}");
    assert!(v.reasons.iter().any(|r| r.contains("iso-8859-1")), "{v:?}");
}

#[test]
fn a_proxy_named_for_a_language_is_not_that_languages_app_server() {
    // Perlbal is a proxy written in Perl: its name begins with Perl's, which is no app server.
    let v = read(
        "HTTP/1.0 404 Not Found\nContent-Type: text/html\nContent-Length: 25\nServer: Perlbal\n\
         Connection: close\n\n<h1>404 - Not Found</h1>",
    );
    assert_ne!(v.product.as_deref(), Some("Perl"), "{v:?}");
    assert_ne!(v.layer, Some(Layer::App), "{v:?}");
    // Perl's own server token still names Perl.
    let perl = read(
        "HTTP/1.1 500 Internal Server Error\nServer: HTTP::Server::Simple Perl/v5.36.0\n\
         Content-Type: text/plain\n\nsomething broke",
    );
    assert_eq!(perl.layer, Some(Layer::App), "{perl:?}");
}

#[test]
fn a_page_signed_by_a_name_that_says_proxy_is_a_proxys_own() {
    let v = read(
        "<!DOCTYPE html>\n<html>\n  <head>\n    <title>404: Not Found</title>\n  </head>\n\n  \
         <body>\n    <h1>404: Not Found</h1>\n    <p>No service is registered at this URL</p>\n\
         \x20   <hr />\n    <p>edge-router-proxy</p>\n  </body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:?}");
    assert_eq!(v.product.as_deref(), Some("edge-router-proxy"));
}

#[test]
fn an_unsigned_502_page_under_nginxs_name_is_never_a_sure_nginx() {
    // nginx signs its own 502 page with its name; this one is the app's, or a configured text.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 14:15:02 GMT\n\
         Content-Type: text/html; charset=utf-8\nContent-Length: 220\n\n<!doctype html>\n\
         <html><head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n\
         <p>The payment provider answered with something we could not read.</p>\n</body></html>",
    );
    // The payment provider named by its role makes it the app's, most likely; never a sure one.
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert!(v.confidence < Confidence::High, "{v:?}");
    assert!(
        v.reasons.iter().any(|r| r.contains("signed with its name")),
        "{v:?}"
    );
    // Its own page stays its own, surely.
    let own = read(
        "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\nContent-Type: text/html\n\n\
         <html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n\
         <center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
    );
    assert_eq!(own.layer, Some(Layer::Gateway), "{own:?}");
    assert_eq!(own.confidence, Confidence::High, "{own:?}");
}

#[test]
fn a_status_line_with_no_reason_under_nginxs_name_was_passed_on() {
    // nginx words every status line it writes; Hypercorn writes none, and nginx passes it on.
    let v = read(
        "HTTP/1.1 502 \nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 14:20:11 GMT\n\
         Content-Type: text/html; charset=utf-8\n\n<!doctype html>\n<html><head><title>502 Bad \
         Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n<p>The payment provider did not \
         answer.</p>\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("words every status line")),
        "{v:?}"
    );
}

#[test]
fn werkzeugs_capitals_under_nginxs_name_are_flasks_page_passed_on() {
    let v = read(
        "HTTP/1.1 502 BAD GATEWAY\nServer: nginx\nDate: Fri, 04 Dec 2026 14:50:02 GMT\n\
         Content-Type: text/html; charset=utf-8\n\n<!doctype html>\n<html><head><title>502 Bad \
         Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n<p>The payment provider did not \
         answer.</p>\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
}

#[test]
fn a_fronts_own_redirect_to_a_login_page_is_the_identity_check() {
    let v = read(
        "HTTP/1.1 302 Moved Temporarily\nServer: nginx/1.22.1\nContent-Type: text/html\n\
         Location: http://127.0.0.1:8080/login?next=/portal/orders/42\n\n<html>\n\
         <head><title>302 Found</title></head>\n<body>\n<center><h1>302 Found</h1></center>\n\
         <hr><center>nginx/1.22.1</center>\n</body>\n</html>",
    );
    assert_eq!(v.layer, Some(Layer::Identity), "{v:?}");
    assert_ne!(v.confidence, Confidence::High, "{v:?}");
    // The same page sending the client elsewhere is nginx's own redirect.
    let moved = read(
        "HTTP/1.1 301 Moved Permanently\nServer: nginx/1.22.1\nContent-Type: text/html\n\
         Location: https://shop.example.test/orders/42\n\n<html>\n\
         <head><title>301 Moved Permanently</title></head>\n<body>\n\
         <center><h1>301 Moved Permanently</h1></center>\n<hr><center>nginx/1.22.1</center>\n\
         </body>\n</html>",
    );
    assert_eq!(moved.layer, Some(Layer::Gateway), "{moved:?}");
}

#[test]
fn a_plain_text_error_in_utf_8_under_apaches_name_came_from_upstream() {
    // Koa's own 500 through Apache: Apache writes no plain text in UTF-8 of its own.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Fri, 04 Dec 2026 15:20:02 GMT\n\
         Server: Apache/2.4.71 (Debian)\nContent-Type: text/plain; charset=utf-8\n\
         Content-Length: 21\n\nInternal Server Error",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
}

/// An app's own HTML 503 under nginx's name, typed `charset=utf-8` as frameworks type their
/// pages and as nginx types nothing of its own: not nginx's page.
#[test]
fn an_html_error_typed_utf8_under_nginx_leans_to_the_app() {
    let page = "HTTP/1.1 503 Service Unavailable\nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 15:23:00 GMT\nContent-Type: text/html; charset=utf-8\nContent-Length: 190\nConnection: keep-alive\nX-Request-ID: 5d1f0c2e9a7b4c3d8e6f1a2b3c4d5e6f\n\n<!doctype html>\n<html><head><title>503 Service Unavailable</title></head>\n<body>\n<h1>Service Unavailable</h1>\n<p>The statements store is being reindexed; try again in a few minutes.</p>\n</body></html>\n";
    let origin = read(page);
    assert!(
        origin
            .reasons
            .iter()
            .any(|r| r.contains("charset=utf-8 is what the app's framework sets")),
        "{:?}",
        origin.reasons
    );
    assert_ne!(origin.layer, Some(Layer::Gateway), "{:?}", origin.reasons);
}

/// An app's 409, cut after the headers, under nginx's name (round 67): a conflict with the
/// data is the app's to judge; nginx's Server on it says only that nginx passed it on.
#[test]
fn a_conflict_under_nginx_is_the_apps() {
    let conflict = read(include_str!(
        "../../../../tests/fixtures/evidence-round67/panther-409-post-nginx.txt"
    ));
    assert_eq!(conflict.layer, Some(Layer::App), "{:?}", conflict.reasons);
    assert!(conflict.confidence < Confidence::High);
}

#[test]
fn an_html_error_page_under_caddys_name_came_from_upstream() {
    // Caddy's own 502 is empty; this page is the app's, passed on with Caddy's Server added.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Length: 221\nContent-Type: text/html;charset=UTF-8\n\
         Date: Fri, 04 Dec 2026 18:09:59 GMT\nServer: Caddy\n\
         X-Request-Id: 1e5677ac-512d-494c-b829-440344a948b7\n\n<!doctype html>\n<html><head>\
         <title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n<p>The card \
         processor sent back a reply we could not parse.</p>\n</body></html>",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert!(v.reasons.iter().any(|r| r.contains("empty body")), "{v:?}");
    // A page Caddy serves from a file (handle_errors with file_server) carries its date.
    let file = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: text/html; charset=utf-8\n\
         Last-Modified: Fri, 04 Dec 2026 10:00:00 GMT\nServer: Caddy\n\n<!doctype html>\n\
         <html><body><h1>We are fixing it</h1></body></html>",
    );
    assert_ne!(file.layer, Some(Layer::App), "{file:?}");
}

#[test]
fn a_json_or_text_error_under_apaches_name_with_its_body_cut_off_came_from_upstream() {
    let v = read(
        "$ curl -sv http://api.test/api/invoices/9\n< HTTP/1.1 404 Not Found\n\
         < Date: Fri, 04 Dec 2026 18:10:26 GMT\n< Server: Apache/2.4.71 (Debian)\n\
         < Content-Type: application/json\n< Content-Length: 54\n< Via: 1.1 api.test\n<\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    // gin's "404 page not found" under Apache's name, cut after the headers.
    let text = read(
        "HTTP/1.1 404 Not Found\nDate: Fri, 04 Dec 2026 19:44:58 GMT\n\
         Server: Apache/2.4.71 (Debian)\nContent-Type: text/plain\nContent-Length: 18\n\
         Via: 1.1 api.test\n",
    );
    assert_eq!(text.layer, Some(Layer::App), "{text:?}");
    // A JSON error document Apache serves as a file carries the file's date.
    let file = read(
        "HTTP/1.1 503 Service Unavailable\nDate: Fri, 04 Dec 2026 18:10:26 GMT\n\
         Server: Apache/2.4.71 (Debian)\nLast-Modified: Fri, 04 Dec 2026 10:00:00 GMT\n\
         Content-Type: application/json\nContent-Length: 60\n\n",
    );
    assert_ne!(file.layer, Some(Layer::App), "{file:?}");
}

#[test]
fn caddy_adds_date_last_to_what_it_forwards_from_puma_too() {
    // Puma sends no Date: Caddy adds one after the sorted names, as to its own answers; the
    // upstream's Content-Length sorted among them says the answer was forwarded.
    let sinatra = include_str!(
        "../../../../tests/fixtures/evidence-round75/sinatra-502-rates-json-caddy.txt"
    );
    // Rack::Protection's lone nosniff marks it as the app's, and Caddy did not write it.
    let v = read(sinatra);
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("Caddy did not write this answer")),
        "{:?}",
        v.reasons
    );
    // Without that mark, the length sorted among the names still says it was forwarded.
    let v = read(&sinatra.replace("X-Content-Type-Options: nosniff\r\n", ""));
    assert_ne!(v.confidence, Confidence::High, "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("Content-Length stands sorted")),
        "{:?}",
        v.reasons
    );
    // Caddy's own JSON: Go adds the length after the sorted names.
    let own = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: application/json\nServer: Caddy\n\
         X-Request-Id: 1e5677ac\nContent-Length: 40\nDate: Fri, 04 Dec 2026 18:52:11 GMT\n\n\
         {\"error\":\"bad_gateway\",\"retry\":true}",
    );
    assert_eq!(own.layer, Some(Layer::Gateway), "{:?}", own.reasons);
}

#[test]
fn a_gateway_status_on_a_page_the_named_front_did_not_write_is_passed_on() {
    // Django's own HTML 502 under nginx's name (round 83): the status speaks for whoever is in
    // front, but nginx signs its own 502 page, so it passed this one on.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round83/django-502-payments-html-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert_ne!(v.confidence, Confidence::High, "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("nginx did not write this answer")),
        "{:?}",
        v.reasons
    );
    // nginx's own 502 keeps the status's weight for the one in front.
    let own = read(
        "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\nContent-Type: text/html\n\n<html>\n\
         <head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1>\
         </center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
    );
    assert_eq!(own.layer, Some(Layer::Gateway), "{:?}", own.reasons);
}

#[test]
fn an_app_quoting_its_own_clients_error_of_a_named_service_is_the_app() {
    // FastAPI's own 502 through Squid (round 88): a named service and Python's socket error.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round88/fastapi-502-inventory-dep-refused-squid.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    // mitmproxy quotes the same error of its upstream, unnamed: a gateway's words still.
    let gateway = read(
        "HTTP/1.1 502 Bad Gateway\nServer: mitmproxy 9.0.1\nContent-Type: text/html\n\n\
         <html><body><h1>502 Bad Gateway</h1><p>Error proxying to upstream server: [Errno 111] \
         Connection refused</p></body></html>",
    );
    assert_ne!(gateway.layer, Some(Layer::App), "{:?}", gateway.reasons);
}

#[test]
fn a_gateway_status_caddy_passed_on_from_puma_is_not_sure_to_be_caddys() {
    // Sinatra's JSON 502 behind Caddy, cut after the headers (round 89): Content-Length came
    // sorted in the upstream's header map, so the 502 speaks for nothing in front of Caddy.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round89/sinatra-502-inventory-dep-refused-puma-caddy.txt"
    ));
    assert_ne!(v.layer, Some(Layer::Gateway), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("Caddy did not write this answer")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn a_json_gateway_status_under_apaches_name_with_no_file_is_passed_on() {
    // Sinatra's own JSON 502 about its dependency, behind Apache (round 92).
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round92/sinatra-502-inventory-dep-refused-apache.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("Apache did not write this answer")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn a_gateway_status_caddy_forwarded_date_and_all_is_not_caddys() {
    // Hono's own HTML 504 behind Caddy (round 93): the upstream's Date sorted among the names.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round93/hono-504-bank-html-caddy.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert_ne!(v.confidence, Confidence::High, "{:?}", v.reasons);
}

#[test]
fn what_the_last_hop_passed_on_weighs_for_the_front_whose_page_it_is() {
    // Round 107's HAProxy page behind nginx (nginx before HAProxy before gin).
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round107/haproxy-503-app-killed-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::LoadBalancer), "{:?}", v.reasons);
    assert_eq!(v.product.as_deref(), Some("HAProxy"), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("upstream here was HAProxy")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn an_empty_redirect_under_a_front_that_pages_its_own_was_passed_on() {
    // Round 85's FastAPI redirect behind nginx: nginx writes a page under each redirect of its
    // own, and this one is empty as Content-Length says.
    let text =
        include_str!("../../../../tests/fixtures/evidence-round85/fastapi-301-v1-item-nginx.txt");
    let v = read(text);
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("an empty redirect passed on")),
        "{:?}",
        v.reasons
    );
    // nginx's own redirect, page and all, stays nginx's.
    let own = read(include_str!(
        "../../../../tests/fixtures/evidence-round100/nginx-301-http-to-https.txt"
    ));
    assert_eq!(own.layer, Some(Layer::Gateway), "{:?}", own.reasons);
    // A cache on the path may have written it (a Varnish redirect passed on by nginx).
    let cached = read(
        &text
            .replace(
                "Connection: keep-alive\n",
                "Connection: keep-alive\nX-Varnish: 32770\n",
            )
            .replace("location:", "Location:"),
    );
    assert_ne!(cached.layer, Some(Layer::App), "{:?}", cached.reasons);
    // Headers alone, the page left out: nothing is said of an empty body (and the Location
    // written in nginx's hand, so its case says nothing either).
    let head = read(
        &text
            .replace("Content-Length: 0", "Content-Length: 169")
            .replace("location:", "Location:"),
    );
    assert_ne!(head.layer, Some(Layer::App), "{:?}", head.reasons);
}

#[test]
fn an_apps_json_for_a_requests_own_fault_under_nginx_is_the_apps() {
    // Round 111: Django's JSON 404 behind nginx, no mark of the app, and nginx's own JSON 429
    // (`return 429`) under the same name: only the status tells them apart, and only so far.
    let app = read(include_str!(
        "../../../../tests/fixtures/evidence-round111/django-404-order9-nginx-h2.txt"
    ));
    assert_eq!(app.layer, Some(Layer::App), "{:?}", app.reasons);
    assert_eq!(app.confidence, Confidence::Low, "{:?}", app.reasons);
    let limit = read(include_str!(
        "../../../../tests/fixtures/evidence-round111/nginx-429-export-json-django-h2.txt"
    ));
    assert_eq!(limit.layer, None, "{:?}", limit.reasons);
    // Round 113's nginx 429 quoting its own request id in the body: no more the app's for it.
    let quoting = read(include_str!(
        "../../../../tests/fixtures/evidence-round113/nginx-429-export-json-fastapi.txt"
    ));
    assert_ne!(quoting.layer, Some(Layer::App), "{:?}", quoting.reasons);
}

#[test]
fn a_redirects_location_in_lower_case_beside_nginxs_capitals_was_passed_on() {
    // Round 119's Django (on uvicorn workers) trailing-slash redirect behind nginx, chunked.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round119/django-301-docs-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    // nginx's own redirect writes Location in capitals: no such mark.
    let own = read(include_str!(
        "../../../../tests/fixtures/evidence-round100/nginx-301-http-to-https.txt"
    ));
    assert!(
        !own.reasons
            .iter()
            .any(|r| r.contains("a name in another hand") || r.contains("lower case beside")),
        "{:?}",
        own.reasons
    );
}

#[test]
fn a_json_typed_error_for_a_requests_fault_under_nginx_with_the_body_left_out_is_the_apps() {
    // Round 118's Django 404 behind nginx, headers only.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round118/django-404-order9-web-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert_eq!(v.confidence, Confidence::Low, "{:?}", v.reasons);
    // The same headers on a 429, which fronts are told to answer: no such reading.
    let text = include_str!(
        "../../../../tests/fixtures/evidence-round118/django-404-order9-web-nginx.txt"
    );
    let limit = read(&text.replace("404 Not Found", "429 Too Many Requests"));
    assert_ne!(limit.layer, Some(Layer::App), "{:?}", limit.reasons);
}

#[test]
fn json_under_apaches_name_with_no_files_date_or_tag_was_passed_on() {
    // Round 121's Koa 400 behind Apache: `{"message": ...}` alone, which API gateways write too.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round121/koa-400-order-id-apache.txt"
    ));
    assert_ne!(v.layer, Some(Layer::Gateway), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("serves a JSON error document as a file")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn headers_httpie_printed_sorted_say_nothing_by_their_order() {
    // Round 147: Caddy's own empty 404 for a missing file, printed by `http --headers`. Sorted
    // by HTTPie, Date stands among the names as it would in an answer Caddy passed on.
    let sorted = "$ http --headers GET http://127.0.0.1:63003/assets/app.js Host:api.tarnwick.test\n\
                  HTTP/1.1 404 Not Found\nContent-Length: 0\n\
                  Date: Sat, 05 Dec 2026 05:57:37 GMT\nServer: Caddy\n\n";
    let v = read(sorted);
    assert_ne!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(
        !v.reasons.iter().any(|r| r.contains("sorted order")),
        "{:?}",
        v.reasons
    );
    // The same headers in that order from curl: Caddy passed on an upstream's answer.
    let curl = read(
        "HTTP/1.1 404 Not Found\nContent-Length: 0\nDate: Sat, 05 Dec 2026 05:57:37 GMT\n\
         Server: Caddy\n\n",
    );
    assert!(
        curl.reasons.iter().any(|r| r.contains("sorted order")),
        "{:?}",
        curl.reasons
    );
}

#[test]
fn the_same_request_id_twice_is_the_apps_echo_and_the_fronts_stamp() {
    // Round 155: Flask's JSON 429 under nginx over HTTP/2; the app echoed the id nginx sent it,
    // and nginx's `add_header` stamped it again.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round155/flask-429-quota-nginx-h2.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    // nginx's own configured 429 in the same round carries the id once: still unknown.
    let own = read(include_str!(
        "../../../../tests/fixtures/evidence-round155/nginx-429-export-json-flask-h2.txt"
    ));
    assert_ne!(own.layer, Some(Layer::App), "{:?}", own.reasons);
}

#[test]
fn an_empty_gateway_status_a_paging_front_passed_on_leans_to_a_gateway_behind_it() {
    // Round 149: nginx before Caddy; Caddy's empty 502 with the app killed, passed on by nginx
    // (which pages every error of its own).
    let inner = read(include_str!(
        "../../../../tests/fixtures/evidence-round149/caddy-502-app-killed-nginx.txt"
    ));
    assert_eq!(inner.layer, Some(Layer::Gateway), "{:?}", inner.reasons);
    assert_eq!(inner.confidence, Confidence::Low, "{:?}", inner.reasons);
    // An empty 404 is no gateway's status: nginx passed on the app's.
    let app = read(
        "HTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Sat, 05 Dec 2026 08:23:09 GMT\n\
         Content-Length: 0\nConnection: keep-alive\n\n",
    );
    assert!(
        !app.reasons
            .iter()
            .any(|r| r.starts_with("an empty gateway status")),
        "{:?}",
        app.reasons
    );
}

#[test]
fn a_socket_error_in_brackets_after_a_named_dependency_is_the_apps() {
    // Round 162: NestJS's own 502 through Caddy, its client's error quoted in brackets.
    let app = read(include_str!(
        "../../../../tests/fixtures/evidence-round162/nestjs-502-payments-down-caddy.txt"
    ));
    assert_eq!(app.layer, Some(Layer::App), "{:?}", app.reasons);
    assert!(app.confidence < Confidence::High, "{:?}", app.reasons);
    // Round 47: a Node gateway on http-proxy-middleware writes the same form of its upstream,
    // and says "upstream": still not the app's.
    let gateway = read(include_str!(
        "../../../../tests/fixtures/evidence-round47/hpmgw-502-refused.txt"
    ));
    assert_ne!(gateway.layer, Some(Layer::App), "{:?}", gateway.reasons);
}
