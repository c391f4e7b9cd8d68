//! A front's configured answers: JSON written whole in its configuration (`HAProxy`'s
//! `return`, Varnish's synth), its error files, and the app's answers passed on that look like
//! them.

use super::{check_cases, read};
use crate::evidence::origin::*;

/// A front's configured JSON answer (`HAProxy`'s `http-request return`): no Date, no Server and
/// no header but its framing and the front's own; and a front's 403 that speaks of a key.
#[test]
fn configured_json_answers_and_key_refusals_at_the_front() {
    check_cases(&[
        (
            "HAProxy's configured JSON 429 over HTTP/1.1: only its length, type and request id",
            include_str!(
                "../../../../tests/fixtures/evidence-round61/haproxy-429-exports-json.txt"
            ),
            Some(Layer::LoadBalancer),
            Some("HAProxy"),
            Confidence::Low,
        ),
        (
            "the same kind of answer over h2c, where every name is in lower case",
            include_str!(
                "../../../../tests/fixtures/evidence-round61/haproxy-503-refunds-json-h2c.txt"
            ),
            Some(Layer::LoadBalancer),
            Some("HAProxy"),
            Confidence::Low,
        ),
        (
            "HAProxy's own JSON 403 for an unknown API key: the identity check at the front",
            include_str!("../../../../tests/fixtures/evidence-round62/haproxy-403-unknownkey.txt"),
            Some(Layer::Identity),
            Some("HAProxy"),
            Confidence::Low,
        ),
        (
            "Apache's stock 403 speaks of permission, not of a credential: Apache's own rule",
            include_str!("../../../../tests/fixtures/evidence/apache-403-require-all-denied.txt"),
            Some(Layer::Gateway),
            Some("Apache"),
            Confidence::Low,
        ),
        (
            "the app's JSON through HAProxy keeps its framework's headers (ETag, X-Powered-By)",
            include_str!(
                "../../../../tests/fixtures/evidence-round61/nestjs-429-quota-haproxy.txt"
            ),
            Some(Layer::App),
            Some("Express"),
            Confidence::Low,
        ),
    ]);
    // HAProxy's empty configured 503 over h2c (round 70): no Date, no Server, no body.
    let empty = read(include_str!(
        "../../../../tests/fixtures/evidence-round70/haproxy-503-beta-empty-h2c.txt"
    ));
    assert_eq!(
        empty.layer,
        Some(Layer::LoadBalancer),
        "{:?}",
        empty.reasons
    );
    assert!(empty.reasons.iter().any(|r| r.contains("over HTTP/2")));
    // A gateway built on Sanic writes `connection: keep-alive`, which HAProxy leaves off:
    // the app's JSON it passed on is not read as HAProxy's.
    let sanic = read(include_str!(
        "../../../../tests/fixtures/evidence-round47/flask-404-via-sanic.txt"
    ));
    assert_ne!(
        sanic.layer,
        Some(Layer::LoadBalancer),
        "{:?}",
        sanic.reasons
    );
}

#[test]
fn haproxys_error_file_is_known_by_its_headers_when_the_body_is_cut() {
    check_cases(&[(
        "HAProxy's 400 from Debian's error file, pasted cut after the headers",
        "HTTP/1.1 400 Bad request\nContent-length: 90\nCache-Control: no-cache\nConnection: close\nContent-Type: text/html\n",
        Some(Layer::LoadBalancer),
        Some("HAProxy"),
        Confidence::Medium,
    )]);
    // JDK HttpServer spells the length so too, but dates its answers and sends no error file's
    // headers.
    let jdk = read(
        "HTTP/1.1 404 Not Found\nDate: Fri, 04 Dec 2026 18:09:49 GMT\nContent-length: 50\nContent-type: text/html; charset=utf-8\n\n<h1>404 Not Found</h1>No context found for request",
    );
    assert_ne!(jdk.layer, Some(Layer::LoadBalancer), "{jdk:#?}");
}

#[test]
fn json_under_the_name_of_a_front_that_keeps_the_upstreams_server_is_its_own() {
    // Round 118's Varnish basic-auth check answering 401 in JSON: Varnish names itself only on
    // what it writes.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round118/varnish-401-ops-basic.txt"
    ));
    assert_eq!(v.layer, Some(Layer::Identity), "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("keeps the upstream's Server")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn json_through_haproxy_with_the_type_first_is_no_sure_return_of_its_own() {
    // Round 143's Django 502 about a dependency, on uWSGI (no Date, no Server) behind HAProxy
    // (names in lower case): the type before the length is the app's order, not HAProxy's.
    let v = read(
        "HTTP/1.1 502 Bad Gateway\ncontent-type: application/json\ncontent-length: 129\n\n\
         {\"errors\": [{\"status\": \"502\", \"code\": \"bad_gateway\", \"detail\": \"inventory \
         service unreachable: [Errno 111] Connection refused\"}]}",
    );
    assert!(v.confidence < Confidence::Medium, "{v:#?}");
    // HAProxy's own `return`, the length first: still HAProxy's.
    let v = read(
        "HTTP/1.1 503 Service Unavailable\nretry-after: 600\ncontent-length: 83\n\
         content-type: application/json\n\n\
         {\"error\":\"maintenance\",\"message\":\"refunds are paused while the ledger is migrated\"}",
    );
    assert_eq!(v.layer, Some(Layer::LoadBalancer), "{v:#?}");
}

#[test]
fn a_refused_credential_in_an_apps_json_under_nginx_is_probably_the_apps() {
    // Round 123's Koa 401 behind nginx, pasted with curl -si (CRs kept): nginx replaces the
    // Server, but teams seldom tell it to refuse credentials in JSON of their own.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round123/koa-401-me-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert_eq!(v.confidence, Confidence::Low, "{:?}", v.reasons);
    assert!(
        v.reasons.iter().any(|r| r.contains("refused credential")),
        "{:?}",
        v.reasons
    );
    // nginx's own configured JSON 429 stays unsure: limits are what fronts are told to answer.
    let limit = read(include_str!(
        "../../../../tests/fixtures/evidence-round97/nginx-429-exports-json.txt"
    ));
    assert_ne!(limit.layer, Some(Layer::App), "{:?}", limit.reasons);
}

#[test]
fn two_challenges_are_a_fronts_auth_service_copied_and_its_own() {
    // Round 52: nginx's auth_request relays the token service's 401 in JSON, its challenge
    // copied beside nginx's own.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round52/nginx-401-authrequest-badtoken.txt"
    ));
    assert_eq!(v.layer, Some(Layer::Identity), "{:?}", v.reasons);
    // One challenge on the app's JSON under nginx stays the app's.
    let app = read(include_str!(
        "../../../../tests/fixtures/evidence-round123/koa-401-me-nginx.txt"
    ));
    assert_eq!(app.layer, Some(Layer::App), "{:?}", app.reasons);
}
