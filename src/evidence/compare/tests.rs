//! Good against failing on real captures (`tests/fixtures/timing/`): the same API through
//! nginx answering 200, then 504 after nginx's 60 s; and the app's JSON 200 against its JSON
//! 504.

use super::*;
use crate::evidence::analysis::analyze;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/timing/", $name))
    };
}

fn side(text: &str) -> Side {
    let analysis = analyze(text, "2026-12-03T09:12:00Z".parse().unwrap());
    Side::of_analysis(text, &analysis)
}

fn nginx_timeouts() -> Vec<TimeoutCard> {
    vec![TimeoutCard {
        product: "nginx".into(),
        setting: "proxy_read_timeout".into(),
        millis: 60_000,
        source: "nginx docs".into(),
        team: false,
    }]
}

fn texts(rows: &[Row]) -> Vec<String> {
    rows.iter().map(Row::text).collect()
}

#[test]
fn through_nginx_200_against_504_the_differences_come_first_grouped_by_hop() {
    let c = compare(
        &side(fixture!("nginx-200-runner.txt")),
        &side(fixture!("nginx-504-runner.txt")),
        &nginx_timeouts(),
    );
    assert_eq!((c.good_status, c.failing_status), (Some(200), Some(504)));
    let differences = texts(&c.differences);
    assert_eq!(differences[0], "status: 200 OK → 504 Gateway Time-out");
    assert!(
        differences[1].starts_with("returned by: "),
        "{differences:#?}"
    );
    assert!(
        differences.contains(&"X-Cache: only in good (MISS)".to_owned()),
        "{differences:#?}"
    );
    assert!(differences.contains(&"Content-Type: application/json → text/html".to_owned()));
    assert!(
        differences.contains(&"body: JSON → HTML: 504 Gateway Time-out".to_owned()),
        "{differences:#?}"
    );
    let total = c.differences.iter().find(|r| r.name == "total").unwrap();
    assert_eq!(
        total.text(),
        "total: 5.0 ms → 60.1 s · 60.0 s longer; failing: 60.1 s in total: the same as \
         nginx's default proxy_read_timeout (60 s)"
    );
    // Headers by hop: the CDN's before the proxy's before the app's.
    let hops: Vec<Hop> = c.differences.iter().filter_map(|r| r.hop).collect();
    assert!(hops.windows(2).all(|w| w[0] <= w[1]), "{hops:?}");
    // The date and the server are no difference.
    let same = texts(&c.same);
    assert!(
        same.contains(&"Date: differs on every request".to_owned()),
        "{same:#?}"
    );
    assert!(
        same.contains(&"Server: nginx/1.22.1".to_owned()),
        "{same:#?}"
    );
    assert!(c.same.iter().any(|r| r.name == "DNS"));
}

#[test]
fn json_bodies_are_compared_field_by_field() {
    let c = compare(
        &side(fixture!("runner-good.txt")),
        &side(fixture!("runner-slow.txt")),
        &[],
    );
    let body: Vec<String> = c
        .differences
        .iter()
        .filter(|r| r.part == Part::Body)
        .map(Row::text)
        .collect();
    assert_eq!(
        body,
        [
            "$.orders[0].id: only in good (1)",
            "$.orders[0].state: only in good (\"paid\")",
            "$.version: only in good (\"2026.11.2\")",
            "$.error.code: only in failing (\"upstream_timeout\")",
            "$.error.message: only in failing (\"order service did not answer\")",
        ]
    );
    let request_id = c.same.iter().find(|r| r.name == "$.request_id").unwrap();
    assert_eq!(request_id.text(), "$.request_id: differs on every request");
    // The app's own headers are the app's; the Server the app's server sends is a proxy's
    // place in the chain.
    let version = c
        .differences
        .iter()
        .find(|r| r.name == "X-App-Version")
        .unwrap();
    assert_eq!(version.hop, Some(Hop::App));
    let lines = c.lines();
    assert_eq!(lines[0].kind, LineKind::Title);
    let groups: Vec<&str> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Group)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        &groups[..4],
        [
            "Status and who returned it",
            "Headers a proxy, gateway or load balancer adds",
            "The app's own headers",
            "Body, field by field",
        ]
    );
}

#[test]
fn a_changed_field_a_renamed_key_and_an_array_that_grew() {
    let good = Side {
        status: Some(200),
        body: r#"{"state":"paid","items":[{"sku":"a"}],"meta":{"region":"eu-west-1"},"timestamp":"09:00"}"#.into(),
        ..Side::default()
    };
    let failing = Side {
        status: Some(200),
        body: r#"{"state":"pending","items":[{"sku":"a"},{"sku":"b"}],"meta":{"region":"us-east-1"},"timestamp":"09:05","odd key":1}"#.into(),
        ..Side::default()
    };
    let c = compare(&good, &failing, &[]);
    assert_eq!(
        texts(&c.differences),
        // In key order: serde_json keeps an object's keys sorted.
        [
            "$.meta.region: \"eu-west-1\" → \"us-east-1\"",
            "$.state: \"paid\" → \"pending\"",
            "$.items[1].sku: only in failing (\"b\")",
            "$[\"odd key\"]: only in failing (1)",
        ]
    );
    assert!(texts(&c.same).contains(&"$.timestamp: differs on every request".to_owned()));
    assert!(texts(&c.same).contains(&"status: 200".to_owned()));
}

#[test]
fn identical_responses_have_no_differences_and_say_so() {
    let one = side(fixture!("runner-good.txt"));
    let c = compare(&one, &one, &[]);
    assert!(c.differences.is_empty(), "{:#?}", c.differences);
    assert_eq!(
        c.lines()[0].text,
        "No differences: the two responses read the same"
    );
}

#[test]
fn a_huge_json_body_is_compared_up_to_a_limit_and_counted() {
    let items: Vec<String> = (0..300).map(|i| format!("{{\"id\":{i}}}")).collect();
    let body = format!("[{}]", items.join(","));
    let good = Side {
        body: body.clone(),
        ..Side::default()
    };
    let c = compare(&good, &good, &[]);
    assert_eq!(c.fields_left_out, 100);
    assert!(
        c.lines()
            .last()
            .unwrap()
            .text
            .starts_with("100 more JSON fields")
    );
}

#[test]
fn phases_that_differ_only_by_noise_are_the_same() {
    assert!(!differs(28, 17));
    assert!(!differs(100_000, 140_000), "40 ms apart");
    assert!(differs(100_000, 160_000));
    assert!(!differs(1_000_000, 1_060_000), "60 ms on a second is noise");
    assert!(differs(4_969, 60_052_351));
}
