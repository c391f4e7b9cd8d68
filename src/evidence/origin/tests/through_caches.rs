//! Answers that passed a cache, and a cache's own: what its store can answer (successes,
//! redirects, a 304 to its copy) and what it only fetched from upstream (errors, answers to a
//! PUT or DELETE), told apart by its hit and miss marks and the headers it keeps.

use super::read;
use crate::evidence::origin::*;

#[test]
fn a_conditional_answer_to_a_put_is_not_from_the_store() {
    // The cache looked the object up (its X-Cache says so), but a PUT goes on to the app,
    // whose JSON 412 this is; Traffic Server's Via says the origin served it.
    let put = read(
        "> PUT /api/products/1 HTTP/1.1\n> Host: shop.example.test\n> If-Match: \"p1-v2\"\n>\n\
         < HTTP/1.1 412 Precondition Failed\n< Content-Type: application/json; charset=utf-8\n\
         < Date: Fri, 04 Dec 2026 06:14:43 GMT\n< Age: 0\n\
         < Via: http/1.1 traffic_server (ApacheTrafficServer/9.2.9 [cSsSf ])\n\
         < Server: ATS/9.2.9\n< X-Cache: hit-fresh\n<\n\
         {\"error\":\"PRECONDITION_FAILED\",\"message\":\"modified by someone else\"}",
    );
    assert_eq!(put.layer, Some(Layer::App), "{put:?}");
    assert!(
        put.reasons.iter().any(|r| r.contains("412 to a PUT")),
        "{:?}",
        put.reasons
    );
    // The same answer to a GET is the cache's, from its store.
    let get = read(
        "> GET /api/products/1 HTTP/1.1\n> Host: shop.example.test\n> If-Match: \"p1-v2\"\n>\n\
         < HTTP/1.1 412 Precondition Failed\n< Date: Fri, 04 Dec 2026 06:14:43 GMT\n< Age: 12\n\
         < Via: http/1.1 traffic_server (ApacheTrafficServer/9.2.9 [cHs f ])\n\
         < Server: ATS/9.2.9\n< X-Cache: hit-fresh\n< Content-Length: 0\n<\n",
    );
    assert_eq!(get.layer, Some(Layer::Cdn), "{get:?}");
}

#[test]
fn an_error_through_squid_without_its_error_header_was_passed_on() {
    // Squid marks every error of its own with X-Squid-Error; the app's own 502 page has none.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: text/html; charset=utf-8\n\
         Date: Fri, 04 Dec 2026 14:10:02 GMT\nX-Cache: MISS from shop.example.test\n\
         Via: 1.1 shop.example.test (squid/5.7)\nConnection: keep-alive\n\n<!doctype html>\n\
         <html><head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n\
         <p>The payment provider did not answer.</p>\n</body></html>",
    );
    assert_ne!(v.layer, Some(Layer::Cdn), "{v:?}");
    assert_ne!(v.confidence, Confidence::High, "{v:?}");
    assert!(
        v.reasons.iter().any(|r| r.contains("X-Squid-Error")),
        "{v:?}"
    );
}

#[test]
fn a_504_through_varnish_came_from_behind_it() {
    // Varnish's own fetch failures are 503s; this 504 page is the app's, passed on.
    let v = read(
        "HTTP/1.1 504 Gateway Timeout\nContent-Type: text/html; charset=utf-8\n\
         Date: Fri, 04 Dec 2026 14:45:37 GMT\nX-Varnish: 18\nAge: 0\n\
         Via: 1.1 varnish (Varnish/7.1)\nX-Cache: MISS\n\n<!doctype html>\n<html><head><title>504 \
         Gateway Timeout</title></head>\n<body>\n<h1>Gateway Timeout</h1>\n<p>The bank feed did \
         not answer in time.</p>\n</body></html>",
    );
    assert_ne!(v.layer, Some(Layer::Cdn), "{v:?}");
    assert_ne!(v.confidence, Confidence::High, "{v:?}");
    assert!(
        v.reasons.iter().any(|r| r.contains("writes no 504")),
        "{v:?}"
    );
    // No Server kept, and the app's request id in its page: nothing behind Varnish that names
    // itself on its own pages wrote it.
    let with_id = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: text/html; charset=utf-8\n\
         X-Request-Id: 0d4475ff2cd8aeb256064e6ed69041b5\nDate: Fri, 04 Dec 2026 18:10:30 GMT\n\
         X-Varnish: 32778\nAge: 0\nVia: 1.1 varnish (Varnish/7.1)\n\n<!DOCTYPE html>\n<html><head>\
         <title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>request id \
         0d4475ff2cd8aeb256064e6ed69041b5</p></body></html>",
    );
    assert_eq!(with_id.layer, Some(Layer::App), "{with_id:?}");
    assert_ne!(with_id.confidence, Confidence::High, "{with_id:?}");
}

#[test]
fn an_unknown_server_name_kept_by_squid_is_not_read_as_the_front() {
    // Squid keeps the upstream's Server: the Go app named itself so.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nServer: mossgate-catalog/2.3\n\
         Content-Type: text/plain; charset=utf-8\nDate: Fri, 04 Dec 2026 18:40:02 GMT\n\
         Content-Length: 22\nX-Cache: MISS from vm\nVia: 1.1 vm (squid/5.7)\n\n\
         catalog query failed\n",
    );
    assert_ne!(v.layer, Some(Layer::Gateway), "{v:?}");
    assert!(
        v.reasons.iter().any(|r| r.contains("kept by Squid")),
        "{v:?}"
    );
}

#[test]
fn an_html_502_through_squid_with_no_server_kept_is_the_apps_own() {
    // Squid marks its own errors with X-Squid-Error and keeps the upstream's Server: with
    // neither, nothing that names itself wrote this page (round 75's Tomcat).
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round75/tomcat-502-labels-html-squid.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert_ne!(v.confidence, Confidence::High, "{:?}", v.reasons);
}

#[test]
fn an_error_a_cache_says_it_fetched_is_upstreams_though_its_body_was_cut() {
    // Fastify's JSON 404 through Squid, cut after the headers (round 86): MISS, and none of
    // Squid's own marks (X-Squid-Error, its name in Server).
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round86/fastify-404-route-squid.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    // Squid's own error, headers alone: its mark says whose.
    let own = read(
        "HTTP/1.1 503 Service Unavailable\nServer: squid/5.7\nContent-Type: text/html;charset=utf-8\n\
         Content-Length: 3512\nX-Squid-Error: ERR_CONNECT_FAIL 111\nX-Cache: MISS from edge\n\
         Via: 1.1 edge (squid/5.7)\n\n",
    );
    assert_ne!(own.layer, Some(Layer::App), "{:?}", own.reasons);
}

#[test]
fn a_304_on_the_apps_tag_with_no_cache_on_the_path_is_the_apps() {
    // Round 99's gin behind Apache with `ProxyVia On`: a Via names a proxy, not a store.
    let apache = "HTTP/1.1 304 Not Modified\nDate: Fri, 04 Dec 2026 23:16:18 GMT\nServer: Apache/2.4.71 (Debian)\nX-Request-Id: axNJwqfJVa0u4p7ahIAt4gAAAAU\nCache-Control: public, max-age=2\nEtag: \"fe-1001-v1\"\nVia: 1.1 api.fenwick.test:60104\n\n";
    let v = read(apache);
    assert_ne!(v.layer, Some(Layer::Cdn), "{v:#?}");
    assert_ne!(v.confidence, Confidence::High, "{v:#?}");
    // Round 99's FastAPI behind nginx: the app's tag, nothing of a cache.
    let nginx = "HTTP/1.1 304 Not Modified\nServer: nginx/1.22.1\nDate: Fri, 04 Dec 2026 23:14:49 GMT\nConnection: keep-alive\ncache-control: public, max-age=2\netag: \"qu-1001-v1\"\nX-Request-ID: 28cfac5f1599c8a4e9851d9d98233a51\n\n";
    let v = read(nginx);
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("304 on a tag the app wrote")),
        "{v:#?}"
    );
    // A web server's own file tag is its own 304; an Age says a store answered.
    let file = read(&nginx.replace("\"qu-1001-v1\"", "\"683d4f74-85\""));
    assert!(
        !file
            .reasons
            .iter()
            .any(|r| r.contains("a tag the app wrote")),
        "{file:#?}"
    );
    let stored = read(&nginx.replace(
        "Connection: keep-alive\n",
        "Connection: keep-alive\nAge: 40\n",
    ));
    assert_ne!(stored.layer, Some(Layer::App), "{stored:#?}");
}

#[test]
fn an_error_the_cache_says_it_fetched_with_a_body_of_its_own_is_the_upstreams() {
    // Round 124's Koa 503 (its payment dependency down) through Varnish: a MISS, in Koa's
    // plain text, none of Varnish's pages.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round124/koa-503-payments-dep-down-varnish.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(
        v.reasons.iter().any(|r| r.contains("none of its pages")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn a_cache_hit_header_on_an_answer_to_a_delete_is_the_lookups() {
    // Round 150: Traffic Server's `X-Cache: hit-fresh` on the app's 204 to a DELETE; its Via
    // code says the origin served it (sS), and a cache never answers a DELETE from its store.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round150/rack-204-parcel-delete-ats.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    // The same headers on a GET: the HIT header carries it, as before.
    let get = read(
        "HTTP/1.1 204 No Content\nDate: Sat, 05 Dec 2026 06:19:38 GMT\nAge: 0\n\
         Via: http/1.1 traffic_server (ApacheTrafficServer/9.2.9 [cHs f ])\nServer: ATS/9.2.9\n\
         X-Cache: hit-fresh\n\n",
    );
    assert_eq!(get.layer, Some(Layer::Cdn), "{:?}", get.reasons);
}

#[test]
fn a_redirect_from_the_store_is_the_caches_answer_as_a_200_is() {
    // Round 160: Varnish answering a stored 301 of the app's (two ids, HIT).
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round160/varnish-301-legacy-hit-django.txt"
    ));
    assert_eq!(v.layer, Some(Layer::Cdn), "{:?}", v.reasons);
}
