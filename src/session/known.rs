//! What the session knows that a command's placeholders can take: the values the engineer
//! typed for earlier commands, the interview's answers, the evidence (the URL, host and path
//! of the last request, the last request id) and the runbook's `[vars]` defaults, in that
//! order of trust.

use std::collections::BTreeMap;

use super::model::Session;
use crate::triage::interview::Answer;
use crate::triage::placeholders::{Known, key};

impl Session {
    /// Every value a placeholder can be filled with, by placeholder name, each with where it
    /// came from. `defaults` are the runbook's `[vars]`.
    pub fn known_values(&self, defaults: &BTreeMap<String, String>) -> BTreeMap<String, Known> {
        let mut known = BTreeMap::new();
        let mut put = |name: &str, value: &str, source: &str| {
            let value = value.trim();
            if !value.is_empty() {
                known.entry(key(name)).or_insert_with(|| Known {
                    value: value.to_owned(),
                    source: source.to_owned(),
                });
            }
        };
        for (name, value) in &self.vars {
            put(name, value, "typed earlier");
        }
        if let Some(Answer::Text(service)) = self.interview.answers.get("service") {
            let mut words = service.split_whitespace();
            if let Some(first) = words.next().filter(|w| is_service_name(w)) {
                put("service", first, "your answer");
            }
            if let Some(path) = service.split_whitespace().find(|w| w.starts_with('/')) {
                put("path", path, "your answer");
            }
        }
        put(
            "environment",
            &self.incident.environment,
            "incident details",
        );
        put("env", &self.incident.environment, "incident details");
        let newest_first: Vec<_> = self.notes.iter().rev().filter(|n| !n.struck).collect();
        if let Some(request) = newest_first
            .iter()
            .find_map(|n| crate::evidence::request::find_request(&n.text))
        {
            put("url", &request.url, "the evidence");
            put("failing-url", &request.url, "the evidence");
            if let Some((host, path)) = host_and_path(&request.url) {
                put("host", host, "the evidence");
                put("path", path, "the evidence");
            }
        }
        if let Some(id) = newest_first.iter().find_map(|n| {
            crate::evidence::ids::find_ids(&n.text)
                .into_iter()
                .find(|id| id.name.contains("request") || id.name.contains("correlation"))
        }) {
            put("request-id", &id.value, "the evidence");
        }
        for (name, value) in defaults {
            put(name, value, "runbook default");
        }
        known
    }
}

/// A service name ("orders-api"), not a method or a URL.
fn is_service_name(word: &str) -> bool {
    const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    !METHODS.contains(&word.to_ascii_uppercase().as_str())
        && !word.contains("://")
        && !word.starts_with('/')
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The host and the path of an absolute URL (the path without its query).
fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = url.split_once("://")?.1;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = authority.rsplit('@').next()?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some((host, path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    use crate::session::model::NoteTarget;

    fn session() -> Session {
        let start: Timestamp = "2026-12-03T02:40:00Z".parse().unwrap();
        Session::new(start, "default", "embedded", &[], Some(502))
    }

    #[test]
    fn the_evidence_gives_url_host_path_and_request_id() {
        let mut s = session();
        let at = s.created;
        s.add_note(
            NoteTarget::Incident,
            "$ curl -sv https://api.example.com/v1/orders?limit=5\r\n> GET /v1/orders?limit=5 HTTP/1.1\r\n> Host: api.example.com\r\n>\r\n< HTTP/1.1 502 Bad Gateway\r\n< X-Request-ID: 7f3a-91c2\r\n<\r\n",
            at,
            &TimeZone::UTC,
        );
        let known = s.known_values(&BTreeMap::new());
        assert_eq!(
            known["url"].value,
            "https://api.example.com/v1/orders?limit=5"
        );
        assert_eq!(known["host"].value, "api.example.com");
        assert_eq!(known["path"].value, "/v1/orders");
        assert_eq!(known["request-id"].value, "7f3a-91c2");
        assert_eq!(known["request-id"].source, "the evidence");
    }

    #[test]
    fn typed_values_beat_answers_and_answers_beat_runbook_defaults() {
        let mut s = session();
        s.interview.answers.insert(
            "service".to_owned(),
            Answer::Text("orders-api POST /v1/orders (team: payments)".to_owned()),
        );
        let defaults: BTreeMap<String, String> = [
            ("service".to_owned(), "default-svc".to_owned()),
            ("namespace".to_owned(), "prod".to_owned()),
        ]
        .into();
        let known = s.known_values(&defaults);
        assert_eq!(known["service"].value, "orders-api");
        assert_eq!(known["path"].value, "/v1/orders");
        assert_eq!(known["namespace"].source, "runbook default");
        s.vars.insert("namespace".to_owned(), "payments".to_owned());
        assert_eq!(s.known_values(&defaults)["namespace"].value, "payments");
    }

    #[test]
    fn a_method_first_answer_gives_no_service() {
        let mut s = session();
        s.interview.answers.insert(
            "service".to_owned(),
            Answer::Text("POST /v1/orders".to_owned()),
        );
        let known = s.known_values(&BTreeMap::new());
        assert!(!known.contains_key("service"));
        assert_eq!(known["path"].value, "/v1/orders");
    }
}
