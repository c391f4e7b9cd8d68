//! Opsgenie: its webhook (`action`, `alert` with `message`, `alias`, `tags`, `details`,
//! `priority`, `createdAt` in milliseconds, `source`, `entity`) and the Alert API's create
//! body (`message`, `alias`, `priority`, `responders`, `tags`, `details`, `entity`). The
//! integration's API key travels in a header, never in these bodies; none is read anyway.

use serde_json::Value;

use super::fields::{
    ENVIRONMENT, SERVICE, code_in_labels, code_in_texts, label, labels, text_at, time_of,
};
use super::{Alert, Source, State};

/// The webhook Opsgenie sends on an alert's action.
pub(super) fn read_webhook(value: &Value) -> Option<Alert> {
    let action = text_at(value, &["action"])?;
    let body = value.get("alert").filter(|a| a.is_object())?;
    if body.get("alertId").is_none() && body.get("tinyId").is_none() {
        return None;
    }
    let mut alert = read_body(body)?;
    alert.state = Some(match action.to_ascii_lowercase().as_str() {
        "close" | "delete" => State::Resolved,
        "acknowledge" => State::Acknowledged,
        _ => State::Firing,
    });
    alert.started = body.get("createdAt").and_then(time_of);
    Some(alert)
}

/// A body for the Alert API's create call: a message and what only an Opsgenie alert has (a
/// priority P1 to P5, responders, or an alias with tags, details or an entity), so that an
/// API's error body with a `message` is never taken for one.
pub(super) fn read_create(value: &Value) -> Option<Alert> {
    text_at(value, &["message"])?;
    let priority = text_at(value, &["priority"]).is_some_and(|p| {
        let p = p.to_ascii_uppercase();
        matches!(p.as_str(), "P1" | "P2" | "P3" | "P4" | "P5")
    });
    let routed = value.get("responders").is_some() || value.get("visibleTo").is_some();
    let aliased = value.get("alias").is_some()
        && ["tags", "details", "entity", "actions"]
            .iter()
            .any(|k| value.get(k).is_some());
    if !(priority || routed || aliased) {
        return None;
    }
    let mut alert = read_body(value)?;
    alert.state = Some(State::Firing);
    Some(alert)
}

/// What the webhook's `alert` and a create body share.
fn read_body(body: &Value) -> Option<Alert> {
    let message = text_at(body, &["message"])?;
    let mut alert = Alert::named(Source::Opsgenie, message);
    let description = text_at(body, &["description"]);
    alert.summary = description
        .as_deref()
        .and_then(|d| d.lines().find(|l| !l.trim().is_empty()))
        .map(|l| l.trim().to_owned());
    let details = labels(body.get("details"));
    // Tags written `env:prod` or `service=orders-api` are labels too.
    let tags: Vec<(String, String)> = body
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|t| t.split_once([':', '=']))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .collect();
    alert.service = label(&details, SERVICE)
        .or_else(|| label(&tags, SERVICE))
        .or_else(|| text_at(body, &["entity"]));
    alert.environment = label(&details, ENVIRONMENT).or_else(|| label(&tags, ENVIRONMENT));
    alert.set_severity(text_at(body, &["priority"]));
    let found = code_in_labels(&details, "detail")
        .or_else(|| code_in_labels(&tags, "tag"))
        .or_else(|| {
            let texts = [("message", alert.name.as_str())]
                .into_iter()
                .chain(description.as_deref().map(|d| ("description", d)));
            code_in_texts(texts)
        });
    if let Some((code, from)) = found {
        alert.code = Some(code);
        alert.code_from = Some(from);
    }
    Some(alert)
}
