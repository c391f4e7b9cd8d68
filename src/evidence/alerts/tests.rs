use super::*;

fn fixture(name: &str) -> &'static str {
    match name {
        "alertmanager" => include_str!("../../../tests/fixtures/alerts/alertmanager.json"),
        "grafana" => include_str!("../../../tests/fixtures/alerts/grafana.json"),
        "grafana-legacy" => include_str!("../../../tests/fixtures/alerts/grafana-legacy.json"),
        "pagerduty-event" => include_str!("../../../tests/fixtures/alerts/pagerduty-event.json"),
        "pagerduty-incident" => {
            include_str!("../../../tests/fixtures/alerts/pagerduty-incident.json")
        }
        "opsgenie-webhook" => include_str!("../../../tests/fixtures/alerts/opsgenie-webhook.json"),
        "opsgenie-create" => include_str!("../../../tests/fixtures/alerts/opsgenie-create.json"),
        "email" => include_str!("../../../tests/fixtures/alerts/email.txt"),
        _ => panic!("no fixture {name}"),
    }
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn read_fixture(name: &str) -> Alert {
    read(fixture(name)).unwrap_or_else(|| panic!("{name} not read as an alert"))
}

#[test]
fn alertmanager_two_alerts_of_one_name_start_at_the_earliest() {
    let alert = read_fixture("alertmanager");
    assert_eq!(alert.source, Source::Alertmanager);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(alert.name, "OrdersHigh5xx");
    assert_eq!(alert.count, 2);
    assert_eq!(alert.title(), "OrdersHigh5xx (2 alerts)");
    assert_eq!(
        alert.summary.as_deref(),
        Some("5xx rate above 5% on orders-api")
    );
    assert_eq!(alert.service.as_deref(), Some("orders-api"));
    assert_eq!(alert.environment.as_deref(), Some("prod"));
    assert_eq!(alert.severity.as_deref(), Some("critical"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV1"));
    // The second alert started first.
    assert_eq!(alert.started, Some(at("2026-12-03T02:40:00.087Z")));
    assert_eq!(alert.first_seen().as_deref(), Some("2026-12-03 02:40 UTC"));
    assert_eq!(alert.code, Some(502));
    assert_eq!(alert.code_from.as_deref(), Some("label code=\"502\""));
    assert_eq!(
        alert.line(at("2026-12-03T02:52:00Z")),
        "Alertmanager alert firing: OrdersHigh5xx (2 alerts), critical, prod, since 02:40 UTC, \
         service orders-api, code 502"
    );
    // Read on another day, the line says which.
    assert_eq!(
        alert.headline(at("2026-12-04T09:00:00Z")),
        "Alertmanager alert firing since 2026-12-03 02:40 UTC: OrdersHigh5xx (2 alerts)"
    );
}

#[test]
fn alertmanager_alerts_that_disagree_name_no_service_and_the_worst_severity() {
    let text = r#"{"receiver":"r","status":"resolved","version":"4","groupKey":"{}:{}",
        "groupLabels":{},"commonLabels":{},"truncatedAlerts":3,
        "alerts":[
          {"status":"resolved","labels":{"alertname":"ApiErrors","service":"orders-api","severity":"warning","code":"500"},
           "annotations":{},"startsAt":"2026-12-03T02:45:00Z","endsAt":"2026-12-03T03:10:00Z"},
          {"status":"resolved","labels":{"alertname":"ApiLatency","service":"payments-api","severity":"critical"},
           "annotations":{},"startsAt":"2026-12-03T02:44:00Z","endsAt":"2026-12-03T03:10:00Z"},
          {"status":"resolved","labels":{"alertname":"ApiDown","severity":"info","code":"503"},
           "annotations":{},"startsAt":"0001-01-01T00:00:00Z","endsAt":"2026-12-03T03:10:00Z"}
        ]}"#;
    let alert = read(text).unwrap();
    assert_eq!(alert.state, Some(State::Resolved));
    assert_eq!(alert.count, 6, "three sent, three truncated");
    assert_eq!(alert.title(), "6 alerts: ApiErrors, ApiLatency, ApiDown");
    assert_eq!(
        alert.service, None,
        "two services: neither is the incident's"
    );
    assert_eq!(alert.severity.as_deref(), Some("critical"));
    assert_eq!(
        alert.started,
        Some(at("2026-12-03T02:44:00Z")),
        "year 1 is not set"
    );
    assert_eq!(alert.code, None, "500 and 503: no one code");
}

#[test]
fn grafana_unified_reads_its_value_string_and_offset_times() {
    let alert = read_fixture("grafana");
    assert_eq!(alert.source, Source::Grafana);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(alert.name, "Orders 5xx ratio");
    assert_eq!(alert.count, 1);
    assert_eq!(alert.environment.as_deref(), Some("staging"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV3"));
    assert_eq!(alert.started, Some(at("2026-12-03T02:52:10Z")));
    assert_eq!(alert.code, Some(503));
    assert_eq!(
        alert.code_from.as_deref(),
        Some("\"code=503\" in the valueString")
    );
}

#[test]
fn grafana_legacy_reads_the_rule_and_its_tags() {
    let alert = read_fixture("grafana-legacy");
    assert_eq!(alert.source, Source::Grafana);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(alert.name, "orders-api 503 burst");
    assert_eq!(alert.service.as_deref(), Some("orders-api"));
    assert_eq!(alert.environment.as_deref(), Some("prod"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV1"));
    assert_eq!(alert.code, Some(503));
    assert_eq!(alert.started, None);
}

#[test]
fn pagerduty_event_reads_the_payload_and_never_the_routing_key() {
    let alert = read_fixture("pagerduty-event");
    assert_eq!(alert.source, Source::PagerdutyEvent);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(
        alert.name,
        "orders-api: HTTP 503 on POST /v1/orders above 4% for 5 minutes"
    );
    assert_eq!(alert.service.as_deref(), Some("orders-api"));
    assert_eq!(alert.environment.as_deref(), Some("prod"));
    assert_eq!(alert.severity.as_deref(), Some("error"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV2"));
    // `+0000`, as PagerDuty's own example writes it.
    assert_eq!(alert.started, Some(at("2026-12-03T02:40:00.315Z")));
    assert_eq!(alert.code, Some(503));
    assert_eq!(
        alert.code_from.as_deref(),
        Some("custom detail status_code=\"503\"")
    );
    let json = serde_json::to_string(&alert).unwrap();
    assert!(!json.contains("c4e1b2a79d0f43a8b6e5d1f20a9c7b38"), "{json}");
    assert!(!alert.render().contains("c4e1b2a79d0f43a8b6e5d1f20a9c7b38"));
    // A resolve carries no payload: still read, by its dedup key.
    let resolve = read(
        r#"{"routing_key":"c4e1b2a79d0f43a8b6e5d1f20a9c7b38","dedup_key":"orders-api/503","event_action":"resolve"}"#,
    )
    .unwrap();
    assert_eq!(resolve.state, Some(State::Resolved));
    assert_eq!(resolve.name, "dedup key orders-api/503");
}

#[test]
fn pagerduty_incident_webhook_reads_title_priority_service_and_creation() {
    let alert = read_fixture("pagerduty-incident");
    assert_eq!(alert.source, Source::PagerdutyIncident);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(alert.name, "Checkout failing: HTTP 504 from orders-api");
    assert_eq!(alert.service.as_deref(), Some("orders-api"));
    assert_eq!(alert.severity.as_deref(), Some("P2"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV2"));
    assert_eq!(alert.started, Some(at("2026-12-03T02:41:04Z")));
    assert_eq!(alert.code, Some(504));
    assert_eq!(alert.environment, None);
    // Without a priority, the urgency is said as it is: it is no level.
    let resolved = fixture("pagerduty-incident")
        .replace("incident.triggered", "incident.resolved")
        .replace("\"summary\": \"P2\"", "\"summary\": \"\"");
    let alert = read(&resolved).unwrap();
    assert_eq!(alert.state, Some(State::Resolved));
    assert_eq!(alert.severity.as_deref(), Some("high urgency"));
    assert_eq!(alert.incident_severity, None);
}

#[test]
fn opsgenie_webhook_reads_milliseconds_tags_and_details() {
    let alert = read_fixture("opsgenie-webhook");
    assert_eq!(alert.source, Source::Opsgenie);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(alert.name, "orders-api answering 502 to checkout");
    assert_eq!(
        alert.summary.as_deref(),
        Some("502 Bad Gateway from the orders-api ingress on 7% of requests since 02:40 UTC.")
    );
    assert_eq!(alert.service.as_deref(), Some("orders-api"));
    assert_eq!(alert.environment.as_deref(), Some("prod"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV1"));
    assert_eq!(alert.started, Some(at("2026-12-03T02:40:00.847Z")));
    assert_eq!(alert.code, Some(502));
    assert_eq!(alert.code_from.as_deref(), Some("tag status_code=\"502\""));
    let closed = fixture("opsgenie-webhook").replace("\"Create\"", "\"Close\"");
    assert_eq!(read(&closed).unwrap().state, Some(State::Resolved));
}

#[test]
fn opsgenie_create_body_is_read_and_an_api_error_body_is_not() {
    let alert = read_fixture("opsgenie-create");
    assert_eq!(alert.source, Source::Opsgenie);
    assert_eq!(alert.name, "orders-api: checkout answering HTTP 500");
    assert_eq!(alert.environment.as_deref(), Some("staging"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV3"));
    assert_eq!(alert.code, Some(500));
    assert_eq!(alert.started, None);
    for not_an_alert in [
        r#"{"message": "Internal Server Error", "status": 500}"#,
        r#"{"message": "Event processed", "status": "success", "dedup_key": "x"}"#,
        r#"{"error": {"code": 502, "message": "upstream failed"}}"#,
        r#"{"alerts": [], "status": "firing"}"#,
        "[1, 2, 3]",
    ] {
        assert_eq!(read(not_an_alert), None, "{not_an_alert}");
    }
}

#[test]
fn an_alert_email_reads_its_headers_and_body_lines() {
    let alert = read_fixture("email");
    assert_eq!(alert.source, Source::Email);
    assert_eq!(alert.state, Some(State::Firing));
    assert_eq!(alert.name, "OrdersHigh5xx");
    assert_eq!(alert.service.as_deref(), Some("orders-api"));
    assert_eq!(alert.environment.as_deref(), Some("prod"));
    assert_eq!(alert.incident_severity.as_deref(), Some("SEV1"));
    assert_eq!(alert.started, Some(at("2026-12-03T02:40:00Z")));
    assert_eq!(alert.code, Some(502));
    assert_eq!(alert.code_from.as_deref(), Some("\"HTTP 502\" in the body"));
    // Without a `Started:` line, the mail's date; Alertmanager's template's label list and
    // Go's time format read too; a subject folded over two lines is one.
    let text = "Date: Thu, 03 Dec 2026 02:41:12 +0000\nFrom: alerts@example.com\n\
                Subject: [RESOLVED] Checkout\n errors\n\nLabels:\n - alertname = CheckoutErrors\n \
                - severity = warning\n - service = checkout\n";
    let alert = read(text).unwrap();
    assert_eq!(alert.state, Some(State::Resolved));
    assert_eq!(alert.name, "CheckoutErrors");
    assert_eq!(alert.started, Some(at("2026-12-03T02:41:12Z")));
    assert_eq!(alert.code, None);
    let text = "Subject: Alert: payments slow\nFrom: a@example.com\n\n\
                Starts at: 2026-12-03 02:40:00.123 +0000 UTC\nStatus code: 504\n";
    let alert = read(text).unwrap();
    assert_eq!(alert.started, Some(at("2026-12-03T02:40:00.123Z")));
    assert_eq!(alert.code, Some(504));
    // A mail about anything else is no alert; nor is a curl transcript.
    assert_eq!(
        read(
            "From: a@example.com\nDate: Thu, 03 Dec 2026 02:41:12 +0000\nSubject: lunch\n\nPizza?"
        ),
        None
    );
    assert_eq!(
        read("< HTTP/1.1 502 Bad Gateway\n< Server: nginx\n<\n<html>502</html>"),
        None
    );
}

#[test]
fn a_code_is_read_only_where_it_is_clearly_one() {
    let code = |text: &str| fields::code_in_text(text).map(|(c, _)| c);
    assert_eq!(code("HTTP 502 on checkout"), Some(502));
    assert_eq!(code("HTTP/1.1 503 from the gateway"), Some(503));
    assert_eq!(code("http status 504"), Some(504));
    assert_eq!(
        code("rate(http_requests_total{code=\"502\"}[5m])"),
        Some(502)
    );
    assert_eq!(code("status_code: 503"), Some(503));
    assert_eq!(code("http.response.status_code=500"), Some(500));
    assert_eq!(code("5xx rate above 5%"), None);
    assert_eq!(code("HTTP 5xx rate"), None);
    assert_eq!(code("HTTP 500s are up"), None);
    assert_eq!(code("code=~\"5..\""), None);
    assert_eq!(code("error_code: 502"), None, "an app's own code");
    assert_eq!(code("p99 latency 502 ms"), None);
    assert_eq!(code("status: 200"), None, "not a failure");
    assert_eq!(code("code: 5020"), None);
}

#[test]
fn severities_become_the_sessions_words() {
    for (raw, level) in [
        ("critical", Some("SEV1")),
        ("CRITICAL", Some("SEV1")),
        ("error", Some("SEV2")),
        ("high", Some("SEV2")),
        ("warning", Some("SEV3")),
        ("info", Some("SEV4")),
        ("P1", Some("SEV1")),
        ("P5", Some("SEV5")),
        ("SEV-2", Some("SEV2")),
        ("page", None),
        ("high urgency", None),
    ] {
        assert_eq!(incident_severity(raw), level, "{raw}");
    }
}

#[test]
fn a_paste_as_terminals_send_it_reads_the_same() {
    let raw = fixture("alertmanager").replace('\n', "\r");
    let pasted = format!("\u{1b}[32m{raw}\u{1b}[0m");
    assert_eq!(read(&pasted), Some(read_fixture("alertmanager")));
    // After a command line, or a captured webhook request's lines.
    let captured = format!(
        "POST /hooks/alerts HTTP/1.1\nHost: triage.example.com\nUser-Agent: Alertmanager/0.28.1\n\
         Content-Type: application/json\n\n{}",
        fixture("alertmanager")
    );
    assert_eq!(read(&captured), Some(read_fixture("alertmanager")));
    let email = fixture("email").replace('\n', "\r\n");
    assert_eq!(read(&email), Some(read_fixture("email")));
}

#[test]
fn an_alert_round_trips_and_visits_every_text() {
    let mut alert = read_fixture("alertmanager");
    let json = serde_json::to_string(&alert).unwrap();
    assert_eq!(serde_json::from_str::<Alert>(&json).unwrap(), alert);
    let mut seen = Vec::new();
    alert.for_each_text(&mut |t| seen.push(t.clone()));
    for text in ["OrdersHigh5xx", "orders-api", "prod", "critical", "SEV1"] {
        assert!(seen.iter().any(|t| t == text), "{text} not in {seen:?}");
    }
}

#[test]
fn escapes_in_a_payloads_strings_never_reach_a_line() {
    let text = r#"{"payload": {"summary": "orders\u001b[31m down\nnow\u0007", "severity": "critical",
        "source": "h"}, "routing_key": "k", "event_action": "trigger"}"#;
    let alert = read(text).unwrap();
    assert!(
        !alert.name.contains('\u{1b}') && !alert.name.contains('\u{7}'),
        "{:?}",
        alert.name
    );
    assert!(!alert.name.contains('\n'), "{:?}", alert.name);
    assert!(alert.name.starts_with("orders"), "{:?}", alert.name);
    let long = format!(
        r#"{{"payload": {{"summary": "{}", "severity": "info", "source": "h"}}, "event_action": "trigger"}}"#,
        "x".repeat(5000)
    );
    assert_eq!(read(&long).unwrap().name.chars().count(), 200);
}
