//! `PagerDuty`: an Events API v2 event (`event_action`, `payload.summary`, `severity`,
//! `source`, `component`, `group`, `class`, `custom_details`, `timestamp`) and a V3 webhook
//! about an incident (`event.event_type`, `event.data` with its `title`, `urgency`,
//! `priority`, `service`, `created_at`). The event's `routing_key` is the integration's
//! secret: it is never read.

use serde_json::Value;

use super::fields::{
    ENVIRONMENT, SERVICE, code_in_labels, code_in_texts, label, labels, state_word, text_at,
    time_of,
};
use super::{Alert, Source, State};

/// An Events API v2 event, as sent to `/v2/enqueue`.
pub(super) fn read_event(value: &Value) -> Option<Alert> {
    let action = text_at(value, &["event_action"]);
    let payload = value.get("payload").filter(|p| p.is_object());
    let summary = payload.and_then(|p| text_at(p, &["summary"]));
    let described =
        payload.is_some_and(|p| p.get("severity").is_some() || p.get("source").is_some());
    let keyed = value.get("routing_key").is_some() || value.get("dedup_key").is_some();
    let is_event = match (&action, &summary) {
        (Some(action), _) if keyed || described => {
            matches!(action.as_str(), "trigger" | "acknowledge" | "resolve")
        }
        (None, Some(_)) => keyed && described,
        _ => false,
    };
    if !is_event {
        return None;
    }
    let name = summary
        .or_else(|| text_at(value, &["dedup_key"]).map(|key| format!("dedup key {key}")))
        .unwrap_or_else(|| "event without a summary".to_owned());
    let mut alert = Alert::named(Source::PagerdutyEvent, name);
    alert.state = match action.as_deref() {
        Some("acknowledge") => Some(State::Acknowledged),
        Some("resolve") => Some(State::Resolved),
        _ => Some(State::Firing),
    };
    let Some(payload) = payload else {
        return Some(alert);
    };
    let details = labels(payload.get("custom_details"));
    alert.service = label(&details, SERVICE).or_else(|| text_at(payload, &["component"]));
    alert.environment = label(&details, ENVIRONMENT);
    alert.set_severity(text_at(payload, &["severity"]));
    alert.started = payload.get("timestamp").and_then(time_of);
    let class = text_at(payload, &["class"]);
    let found = code_in_labels(&details, "custom detail").or_else(|| {
        let texts = [("summary", alert.name.as_str())]
            .into_iter()
            .chain(class.as_deref().map(|c| ("class", c)))
            .chain(
                details
                    .iter()
                    .map(|(name, text)| (name.as_str(), text.as_str())),
            );
        code_in_texts(texts)
    });
    if let Some((code, from)) = found {
        alert.code = Some(code);
        alert.code_from = Some(from);
    }
    Some(alert)
}

/// A V3 webhook whose event is about an incident (`incident.triggered`, `.resolved`...).
pub(super) fn read_incident(value: &Value) -> Option<Alert> {
    let event = value.get("event")?;
    let kind = text_at(event, &["event_type"])?;
    if !kind.starts_with("incident.") {
        return None;
    }
    let data = event.get("data")?;
    let is_incident = text_at(data, &["type"]).as_deref() == Some("incident");
    let name = if is_incident {
        text_at(data, &["title"])
    } else {
        // A note, a status update or a responder about the incident: its summary is the
        // incident's title.
        text_at(data, &["incident", "summary"])
    }?;
    let mut alert = Alert::named(Source::PagerdutyIncident, name);
    alert.state = match kind.as_str() {
        "incident.resolved" => Some(State::Resolved),
        "incident.acknowledged" => Some(State::Acknowledged),
        "incident.triggered" | "incident.reopened" | "incident.unacknowledged" => {
            Some(State::Firing)
        }
        _ => text_at(data, &["status"]).and_then(|s| state_word(&s)),
    };
    if !is_incident {
        return Some(alert);
    }
    alert.service = text_at(data, &["service", "summary"]);
    alert.set_severity(
        text_at(data, &["priority", "summary"])
            .or_else(|| text_at(data, &["urgency"]).map(|u| format!("{u} urgency"))),
    );
    alert.started = data.get("created_at").and_then(time_of);
    if let Some((code, from)) = code_in_texts([("title", alert.name.as_str())]) {
        alert.code = Some(code);
        alert.code_from = Some(from);
    }
    Some(alert)
}
