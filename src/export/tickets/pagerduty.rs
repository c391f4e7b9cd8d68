//! The `PagerDuty` Events API v2 trigger event (`POST https://events.pagerduty.com/v2/enqueue`):
//! routing key from the runbook, dedup key from the session, the headline as the summary,
//! the severity mapped from the engineer's, and the findings as custom details.

use serde_json::{Map, Value, json};

use super::{Facts, ORIGIN, fit, placeholder};

/// Documented limits: `payload.summary` 1024 characters, `dedup_key` 255.
pub const MAX_SUMMARY: usize = 1024;
pub const MAX_DEDUP_KEY: usize = 255;
/// No documented limit; kept short because it names a system, not a story.
const MAX_SOURCE: usize = 255;
/// The whole event must stay under 512 KB: the summary inside the details is cut well
/// before, even if every character of it came out escaped six times its size.
const MAX_DETAILS_SUMMARY: usize = 40_000;
/// An evidence line, and how many of them.
const MAX_LINE: usize = 500;
const MAX_LINES: usize = 40;

/// The event's `severity`: `critical`, `error`, `warning` or `info`. A failure escalated with
/// no known severity is an `error`: someone thinks it needs another team.
pub fn severity(level: Option<u8>) -> &'static str {
    match level {
        Some(1) => "critical",
        Some(2) | None => "error",
        Some(3) => "warning",
        Some(_) => "info",
    }
}

pub fn event(facts: &Facts<'_>) -> Value {
    let incident = &facts.session.incident;
    let source = if facts.endpoint.is_empty() {
        facts.runbook_name.to_owned()
    } else {
        facts.endpoint.clone()
    };
    let mut payload = Map::new();
    payload.insert(
        "summary".into(),
        fit::clip(&facts.headline, MAX_SUMMARY).into(),
    );
    payload.insert(
        "source".into(),
        fit::clip(&fit::one_line(&source), MAX_SOURCE).into(),
    );
    payload.insert("severity".into(), severity(facts.level).into());
    // Whole seconds, UTC: the plainest ISO 8601 every parser reads.
    payload.insert(
        "timestamp".into(),
        facts.now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string().into(),
    );
    if !facts.endpoint.is_empty() {
        payload.insert(
            "component".into(),
            fit::clip(&facts.endpoint, MAX_SOURCE).into(),
        );
    }
    let environment = fit::one_line(&incident.environment);
    if !environment.is_empty() {
        payload.insert("group".into(), fit::clip(&environment, MAX_SOURCE).into());
    }
    payload.insert("class".into(), facts.class().into());
    payload.insert("custom_details".into(), details(facts));
    let routing_key = facts
        .settings
        .pagerduty_routing_key
        .clone()
        .unwrap_or_else(|| {
            placeholder(
                "PagerDuty routing key (the service's Events API v2 integration key)",
                "pagerduty_routing_key",
            )
        });
    json!({
        "routing_key": routing_key,
        "event_action": "trigger",
        "dedup_key": fit::clip(&facts.dedup_key(), MAX_DEDUP_KEY),
        "client": ORIGIN,
        "payload": payload,
    })
}

/// What a responder reads under the alert: the code, who owns it, what was found, the
/// evidence lines, what is missing, and the whole summary.
fn details(facts: &Facts<'_>) -> Value {
    let incident = &facts.session.incident;
    let mut details = Map::new();
    let mut text = |key: &str, value: &str| {
        let value = fit::one_line(value);
        if !value.is_empty() {
            details.insert(key.to_owned(), fit::clip(&value, MAX_LINE).into());
        }
    };
    text("incident", &incident.title);
    text("severity", &incident.severity);
    text("environment", &incident.environment);
    text("endpoint", &facts.endpoint);
    text("first_seen", &incident.first_seen);
    text("owner", facts.owner.as_deref().unwrap_or_default());
    text("session", &facts.session.id);
    if let Some(code) = facts.code {
        details.insert("code".into(), code.into());
    }
    let lines = |lines: &[String]| -> Value {
        lines
            .iter()
            .take(MAX_LINES)
            .map(|line| Value::from(fit::clip(line, MAX_LINE)))
            .collect()
    };
    if !facts.found.is_empty() {
        details.insert("found".into(), lines(&facts.found));
    }
    if !facts.evidence.is_empty() {
        details.insert("evidence".into(), lines(&facts.evidence));
    }
    if !facts.missing.is_empty() {
        details.insert("missing".into(), facts.missing.clone().into());
    }
    details.insert(
        "summary".into(),
        fit::clip(&facts.text, MAX_DETAILS_SUMMARY).into(),
    );
    Value::Object(details)
}
