//! The Opsgenie alert (`POST {opsgenie_api_url}/v2/alerts`): the headline as the message,
//! the session as the alias it is deduplicated on, the plain-text summary as the description,
//! the priority mapped from the engineer's severity, and the findings as details.

use serde_json::{Map, Value, json};

use super::{Facts, ORIGIN, fit};

/// Documented limits: message 130 characters (the one required field), alias 512,
/// description 15,000, entity 512, source 100, at most 20 tags of 50 characters, and the
/// details 8,000 characters in all (counted here as keys and values together).
pub const MAX_MESSAGE: usize = 130;
pub const MAX_ALIAS: usize = 512;
pub const MAX_DESCRIPTION: usize = 15_000;
pub const MAX_ENTITY: usize = 512;
pub const MAX_TAG: usize = 50;
pub const MAX_TAGS: usize = 20;
pub const MAX_DETAILS: usize = 8_000;

/// The API path, after the instance's base URL.
pub const PATH: &str = "/v2/alerts";

/// The alert's `priority`, `P1` to `P5`; Opsgenie's own default, `P3`, when the severity
/// says no level.
pub fn priority(level: Option<u8>) -> String {
    format!("P{}", level.unwrap_or(3).clamp(1, 5))
}

pub fn alert(facts: &Facts<'_>) -> Value {
    let mut alert = Map::new();
    alert.insert(
        "message".into(),
        fit::clip(&facts.headline, MAX_MESSAGE).into(),
    );
    alert.insert(
        "alias".into(),
        fit::clip(&facts.dedup_key(), MAX_ALIAS).into(),
    );
    alert.insert(
        "description".into(),
        fit::clip(&facts.text, MAX_DESCRIPTION).into(),
    );
    alert.insert("tags".into(), facts.labels(MAX_TAG, MAX_TAGS).into());
    alert.insert("details".into(), details(facts));
    if !facts.endpoint.is_empty() {
        alert.insert(
            "entity".into(),
            fit::clip(&facts.endpoint, MAX_ENTITY).into(),
        );
    }
    alert.insert("source".into(), ORIGIN.into());
    alert.insert("priority".into(), priority(facts.level).into());
    Value::Object(alert)
}

/// Strings only, each cut so that all of them together stay under [`MAX_DETAILS`].
fn details(facts: &Facts<'_>) -> Value {
    let incident = &facts.session.incident;
    let code = facts.code.map(|c| c.to_string()).unwrap_or_default();
    let owner = facts.owner.clone().unwrap_or_default();
    let found = facts.found.join("\n");
    let evidence = facts.evidence.join("\n");
    let missing = facts.missing.join(", ");
    // The shares add up to 6,100 characters with 11 short keys: room to spare.
    let fields: [(&str, &str, usize); 11] = [
        ("code", &code, 300),
        ("incident", &incident.title, 300),
        ("severity", &incident.severity, 300),
        ("environment", &incident.environment, 300),
        ("endpoint", &facts.endpoint, 300),
        ("first_seen", &incident.first_seen, 300),
        ("session", &facts.session.id, 300),
        ("owner", &owner, 500),
        ("found", &found, 1000),
        ("evidence", &evidence, 2000),
        ("missing", &missing, 500),
    ];
    let mut details = Map::new();
    for (key, value, share) in fields {
        let value = value.trim();
        if !value.is_empty() {
            details.insert(key.to_owned(), fit::clip(value, share).into());
        }
    }
    // Never reached with the shares above; should they grow, the long lists go first (the
    // description holds them too) rather than the alert be refused.
    for key in ["evidence", "found"] {
        if details_len(&details) > MAX_DETAILS {
            details.remove(key);
        }
    }
    json!(details)
}

/// The details' size as the limit counts it: every key and every value.
fn details_len(details: &Map<String, Value>) -> usize {
    details
        .iter()
        .map(|(key, value)| fit::len(key) + value.as_str().map_or(0, fit::len))
        .sum()
}
