//! Whether the body is a health report: a readiness endpoint itemising the dependencies it
//! checked (`{"status": "fail", "checks": {"postgres": ...}}`, Spring's `components`). The app
//! writes that about what it depends on; a gateway knows its upstream only as an address and
//! never lists what lies behind it, so a connection error quoted inside is the app's word.

use super::{Seen, Signal, Toward};

/// Keys under which health reports list their dependencies (the IETF draft's `checks`,
/// Spring Boot's `components`, and the common hand-written forms).
const DEPENDENCY_LISTS: &[&str] = &["checks", "components", "dependencies", "services"];

/// Words a health report's overall status uses when it is not healthy.
const UNHEALTHY: &[&str] = &[
    "fail",
    "failed",
    "failing",
    "unhealthy",
    "down",
    "degraded",
    "unavailable",
    "not_ready",
    "not ready",
    "error",
    "warn",
];

/// The dependencies a health report names, when the body is one.
pub(super) fn health_report(seen: &Seen<'_>) -> Option<Vec<String>> {
    let object = seen.json.as_ref()?.as_object()?;
    let status = object.get("status")?.as_str()?.to_lowercase();
    if !UNHEALTHY.contains(&status.as_str()) {
        return None;
    }
    let names: Vec<String> = DEPENDENCY_LISTS
        .iter()
        .filter_map(|key| object.get(*key))
        .flat_map(|list| match list {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|item| {
                    let item = item.as_object()?;
                    ["name", "component", "id"]
                        .iter()
                        .find_map(|k| item.get(*k)?.as_str())
                        .map(str::to_owned)
                })
                .collect(),
            _ => Vec::new(),
        })
        .filter(|name| !name.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

pub(super) fn health_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if let Some(names) = health_report(seen) {
        let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
        signals.push(Signal::new(
            "a health report",
            format!(
                "a health report listing what it checked ({}): the app's readiness endpoint \
                 speaking of its own dependencies; a gateway never itemises what lies behind it",
                shown.join(", ")
            ),
            Toward::App,
            3,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::response::Response;

    fn report(body: &str) -> Option<Vec<String>> {
        let response = Response {
            status: Some(503),
            body: body.to_owned(),
            ..Response::default()
        };
        health_report(&Seen::new(&response))
    }

    #[test]
    fn reports_name_their_dependencies() {
        assert_eq!(
            report(
                r#"{"checks":{"postgres":"dial tcp 10.0.3.7:5432: i/o timeout"},"status":"unhealthy"}"#
            ),
            Some(vec!["postgres".to_owned()])
        );
        assert_eq!(
            report(
                r#"{"status":"DOWN","components":{"db":{"status":"DOWN"},"ping":{"status":"UP"}}}"#
            ),
            Some(vec!["db".to_owned(), "ping".to_owned()])
        );
        assert_eq!(
            report(r#"{"status":"fail","dependencies":[{"name":"redis","status":"fail"}]}"#),
            Some(vec!["redis".to_owned()])
        );
    }

    #[test]
    fn other_json_is_no_report() {
        // A healthy report, an error that only has a status, a gateway's error.
        assert_eq!(
            report(r#"{"status":"UP","components":{"db":{"status":"UP"}}}"#),
            None
        );
        assert_eq!(
            report(r#"{"status":"error","message":"upstream connect error"}"#),
            None
        );
        assert_eq!(report(r#"{"status":503,"checks":{"a":1}}"#), None);
        assert_eq!(report("upstream unavailable"), None);
    }
}
