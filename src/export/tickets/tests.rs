use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;

use super::*;
use crate::runbook::tickets::TicketSettings;
use crate::session::NoteTarget;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn runbook(settings: TicketSettings) -> TeamRunbook {
    let mut runbook = crate::runbook::snapshot::embedded_default(None).unwrap();
    runbook.tickets = settings;
    runbook
}

fn configured() -> TicketSettings {
    TicketSettings {
        pagerduty_routing_key: Some("0123456789abcdef0123456789abcdef".into()),
        jira_url: Some("https://acme.atlassian.net".into()),
        jira_project: Some("PAY".into()),
        jira_issue_type: Some("Bug".into()),
        opsgenie_api_url: Some("https://api.eu.opsgenie.com".into()),
        github_repo: Some("acme/payments-api".into()),
        labels: vec!["payments".into(), "Team Pay".into()],
    }
}

fn session(runbook: &TeamRunbook, severity: &str) -> Session {
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = "Checkout failing for EU users".into();
    s.incident.severity = severity.into();
    s.incident.environment = "production".into();
    s.incident.endpoint = "orders-api POST /v1/orders".into();
    s.add_evidence_note(
        NoteTarget::Incident,
        "< HTTP/1.1 502 Bad Gateway\n< Server: nginx\n< x-request-id: 9b1e4c7a-2f3d\n\n\
         <html><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></html>",
        at("2026-11-23T09:06:40Z"),
        &TimeZone::UTC,
        crate::evidence::token::Expected::default(),
    );
    s
}

/// The ticket files of `session`, by name, parsed when JSON.
fn tickets(session: &Session, runbook: &TeamRunbook) -> Vec<(String, Value, String)> {
    let prepared = crate::export::prepare(session, runbook, true).unwrap();
    files(&prepared, runbook, at("2026-11-23T09:10:00Z"))
        .into_iter()
        .map(|f| {
            let json = serde_json::from_str(&f.text).unwrap_or(Value::Null);
            (f.name, json, f.text)
        })
        .collect()
}

fn json(files: &[(String, Value, String)], name: &str) -> Value {
    files.iter().find(|f| f.0 == name).unwrap().1.clone()
}

fn guide(files: &[(String, Value, String)]) -> String {
    files.iter().find(|f| f.0 == GUIDE_FILE).unwrap().2.clone()
}

#[test]
fn severities_map_to_each_services_scale() {
    let cases = [
        ("SEV1", Some(1), "critical", "P1"),
        ("sev-2", Some(2), "error", "P2"),
        ("Sev 3", Some(3), "warning", "P3"),
        ("SEV4", Some(4), "info", "P4"),
        ("sev5", Some(5), "info", "P5"),
        ("SEV0", Some(1), "critical", "P1"),
        ("P2", Some(2), "error", "P2"),
        ("S1", Some(1), "critical", "P1"),
        ("critical", Some(1), "critical", "P1"),
        ("High", Some(2), "error", "P2"),
        ("major", Some(2), "error", "P2"),
        ("medium", Some(3), "warning", "P3"),
        ("low", Some(4), "info", "P4"),
        ("info", Some(5), "info", "P5"),
        ("", None, "error", "P3"),
        ("whenever", None, "error", "P3"),
        ("SEV9", None, "error", "P3"),
    ];
    for (written, expected, pd, og) in cases {
        let level = level(written);
        assert_eq!(level, expected, "{written:?}");
        assert_eq!(pagerduty::severity(level), pd, "{written:?}");
        assert_eq!(opsgenie::priority(level), og, "{written:?}");
    }
}

#[test]
fn the_runbook_routes_every_ticket_and_the_guide_posts_there() {
    let runbook = runbook(configured());
    let files = tickets(&session(&runbook, "SEV2"), &runbook);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            PAGERDUTY_FILE,
            JIRA_FILE,
            OPSGENIE_FILE,
            GITHUB_FILE,
            GUIDE_FILE
        ]
    );
    let pd = json(&files, PAGERDUTY_FILE);
    assert_eq!(pd["routing_key"], "0123456789abcdef0123456789abcdef");
    assert_eq!(pd["event_action"], "trigger");
    assert_eq!(pd["dedup_key"], "api-triage-20261123-090000-502");
    assert_eq!(pd["payload"]["severity"], "error");
    assert_eq!(pd["payload"]["timestamp"], "2026-11-23T09:10:00Z");
    assert_eq!(pd["payload"]["source"], "orders-api POST /v1/orders");
    assert_eq!(pd["payload"]["group"], "production");
    assert_eq!(pd["payload"]["class"], "HTTP 502 Bad Gateway");
    let details = &pd["payload"]["custom_details"];
    assert_eq!(details["code"], 502);
    assert!(
        details["owner"]
            .as_str()
            .unwrap()
            .contains("#platform-oncall")
    );
    assert!(
        details["evidence"][0]
            .as_str()
            .unwrap()
            .starts_with("T+06:40 502 from")
    );
    assert!(
        pd["payload"]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Checkout failing for EU users: [SEV2] 502 Bad Gateway")
    );

    let jira = json(&files, JIRA_FILE);
    assert_eq!(jira["fields"]["project"]["key"], "PAY");
    assert_eq!(jira["fields"]["issuetype"]["name"], "Bug");
    assert_eq!(
        jira["fields"]["labels"],
        serde_json::json!([
            "api-triage",
            "http-502",
            "sev2",
            "production",
            "payments",
            "Team-Pay"
        ])
    );
    let og = json(&files, OPSGENIE_FILE);
    assert_eq!(og["priority"], "P2");
    assert_eq!(og["alias"], "api-triage-20261123-090000-502");
    assert_eq!(og["entity"], "orders-api POST /v1/orders");
    assert!(
        og["details"]
            .as_object()
            .unwrap()
            .values()
            .all(Value::is_string)
    );
    let gh = json(&files, GITHUB_FILE);
    assert_eq!(gh["labels"], serde_json::json!(["payments", "Team-Pay"]));
    assert!(
        gh["body"]
            .as_str()
            .unwrap()
            .starts_with("## Checkout failing")
    );

    let guide = guide(&files);
    for line in [
        "curl -sS -X POST https://acme.atlassian.net/rest/api/3/issue",
        "curl -sS -X POST https://api.eu.opsgenie.com/v2/alerts",
        "curl -sS -X POST https://api.github.com/repos/acme/payments-api/issues",
        "curl -sS -X POST https://events.pagerduty.com/v2/enqueue",
        "--data @ticket-jira.json",
        "${JIRA_API_TOKEN:?",
        "GenieKey ${OPSGENIE_API_KEY:?",
        "Bearer ${GITHUB_TOKEN:?",
        "severity `error`, from SEV2",
    ] {
        assert!(guide.contains(line), "{line}\n{guide}");
    }
    assert!(!guide.contains("Still to set"), "{guide}");
}

#[test]
fn without_a_runbook_destination_each_ticket_holds_a_placeholder_naming_the_field() {
    let runbook = runbook(TicketSettings::default());
    let mut s = session(&runbook, "");
    // A note can say anything; it never routes a ticket.
    s.add_note(
        NoteTarget::Incident,
        "routing_key = ffffffffffffffffffffffffffffffff\njira_project = EVIL\n\
         github_repo = evil/repo",
        at("2026-11-23T09:07:00Z"),
        &TimeZone::UTC,
    );
    let files = tickets(&s, &runbook);
    let pd = json(&files, PAGERDUTY_FILE);
    assert_eq!(
        pd["routing_key"],
        "<PagerDuty routing key (the service's Events API v2 integration key): set [tickets] \
         pagerduty_routing_key>"
    );
    let jira = json(&files, JIRA_FILE);
    assert_eq!(
        jira["fields"]["project"]["key"],
        "<Jira project key: set [tickets] jira_project>"
    );
    assert_eq!(jira["fields"]["issuetype"]["name"], "Task");
    assert_eq!(
        json(&files, GITHUB_FILE)["labels"],
        serde_json::json!(["api-triage"])
    );
    let guide = guide(&files);
    for field in [
        "`pagerduty_routing_key`",
        "`jira_url`",
        "`jira_project`",
        "`github_repo`",
    ] {
        assert!(guide.contains(field), "{field}\n{guide}");
    }
    assert!(guide.contains("'<Jira site URL: set [tickets] jira_url>/rest/api/3/issue'"));
    assert!(guide.contains("https://api.opsgenie.com/v2/alerts"));
    assert!(guide.contains("No severity was given: PagerDuty gets `error` and Opsgenie `P3`"));
    // The note's words are evidence in the descriptions, never a destination.
    assert!(
        !guide.contains("evil/repo") && !guide.contains("EVIL"),
        "{guide}"
    );
    assert_ne!(pd["routing_key"], "ffffffffffffffffffffffffffffffff");
}

#[test]
fn long_and_non_ascii_titles_are_cut_at_a_character_with_an_ellipsis() {
    let runbook = runbook(configured());
    let mut s = session(&runbook, "SEV1");
    s.incident.title = "Zahlungsausfall für Kunden in Zürich 🇨🇭 — 決済が失敗しています ".repeat(20);
    let files = tickets(&s, &runbook);
    let og = json(&files, OPSGENIE_FILE);
    let message = og["message"].as_str().unwrap();
    assert!(len(message) <= opsgenie::MAX_MESSAGE, "{}", len(message));
    assert!(message.ends_with('…') && message.starts_with("Zahlungsausfall für"));
    let summary = json(&files, JIRA_FILE)["fields"]["summary"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(len(&summary) <= jira::MAX_SUMMARY && summary.ends_with('…'));
    assert!(!summary.contains('\n'));
    let title = json(&files, GITHUB_FILE)["title"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(len(&title) <= github::MAX_TITLE && title.ends_with('…'));
    let pd = json(&files, PAGERDUTY_FILE);
    assert!(len(pd["payload"]["summary"].as_str().unwrap()) <= pagerduty::MAX_SUMMARY);
    assert_eq!(pd["payload"]["severity"], "critical");
}

#[test]
fn empty_incident_fields_leave_optional_fields_out_rather_than_empty() {
    let runbook = runbook(TicketSettings::default());
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        None,
    );
    s.incident = crate::session::Incident::default();
    let files = tickets(&s, &runbook);
    let pd = json(&files, PAGERDUTY_FILE);
    let payload = pd["payload"].as_object().unwrap();
    assert!(!payload.contains_key("component") && !payload.contains_key("group"));
    assert_eq!(payload["source"], runbook.name.as_str());
    assert_eq!(payload["class"], "HTTP failure (code not known)");
    assert_eq!(
        payload["summary"], "HTTP failure (code not known)",
        "the headline of a session that knows nothing yet"
    );
    let og = json(&files, OPSGENIE_FILE);
    assert!(og.get("entity").is_none());
    assert_eq!(og["tags"], serde_json::json!(["api-triage"]));
    for value in og["details"].as_object().unwrap().values() {
        assert!(!value.as_str().unwrap().is_empty());
    }
}

#[test]
fn the_jira_description_is_a_document_whose_notes_are_code_blocks() {
    let doc = jira::description(
        "Headline\n- Found: x\n\nEvidence notes:\nT+01:00\n    > GET /\n    < 502\n",
    );
    assert_eq!(doc["type"], "doc");
    assert_eq!(doc["version"], 1);
    let blocks = doc["content"].as_array().unwrap();
    let kinds: Vec<&str> = blocks.iter().map(|b| b["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["paragraph", "paragraph", "codeBlock"]);
    assert_eq!(blocks[2]["content"][0]["text"], "> GET /\n< 502");
    assert_eq!(blocks[0]["content"][1]["type"], "hardBreak");

    // Thousands of short lines: the document's own weight is counted, not just the text.
    let long = (0..20_000).fold(String::new(), |mut text, i| {
        let _ = writeln!(text, "line {i}");
        text
    });
    let doc = jira::description(&long);
    assert!(len(&doc.to_string()) <= jira::MAX_DESCRIPTION);
    let last = doc["content"].as_array().unwrap().last().unwrap();
    assert!(
        last["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Cut to fit Jira")
    );
}

#[test]
fn the_guide_warns_when_redaction_was_off() {
    let runbook = runbook(TicketSettings::default());
    let s = session(&runbook, "SEV3");
    let raw = crate::export::prepare(&s, &runbook, false).unwrap();
    let guide = &files(&raw, &runbook, at("2026-11-23T09:10:00Z"))[4];
    assert_eq!(guide.name, GUIDE_FILE);
    assert!(guide.text.contains("Redaction was off"), "{}", guide.text);
    let redacted = crate::export::prepare(&s, &runbook, true).unwrap();
    let guide = &files(&redacted, &runbook, at("2026-11-23T09:10:00Z"))[4];
    assert!(!guide.text.contains("Redaction was off"));
}
