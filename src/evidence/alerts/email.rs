//! A plain alert e-mail as pasted from a mail client: `Subject`, `From`, `Date` headers, then
//! a body of `Name: value` lines (`Severity: critical`, `Service: orders-api`, `Started:
//! ...`) or an Alertmanager template's label list (`- severity = critical`).

use super::fields::{
    ENVIRONMENT, SERVICE, SEVERITY, cleaned_title, code_in_labels, code_in_texts, label,
    parse_time, state_word,
};
use super::{Alert, Source};

/// Names (without case and punctuation) of a body line that names the alert.
const NAME: &[&str] = &["alertname", "alert", "rule", "rulename"];
/// ... that says when it started.
const STARTED: &[&str] = &[
    "started",
    "startsat",
    "startedat",
    "start",
    "starttime",
    "since",
    "firstseen",
    "firedat",
    "triggeredat",
    "activesince",
];

pub(super) fn read(text: &str) -> Option<Alert> {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty()).peekable();
    let mut headers: Vec<(String, String)> = Vec::new();
    while let Some(line) = lines.peek() {
        if line.trim().is_empty() {
            lines.next();
            break;
        }
        // A folded header goes on over lines that start with white space.
        if line.starts_with([' ', '\t'])
            && let Some((_, value)) = headers.last_mut()
        {
            value.push(' ');
            value.push_str(line.trim());
            lines.next();
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        let name = name.trim();
        if name.is_empty()
            || name.len() > 40
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            break;
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
        lines.next();
    }
    let header = |wanted: &str| {
        headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| value.clone())
    };
    let subject = header("subject")?;
    let date = header("date").or_else(|| header("sent"));
    if date.is_none() && header("from").is_none() {
        return None;
    }
    let body: Vec<&str> = lines.collect();
    let fields = body_fields(&body);
    let lower = subject.to_ascii_lowercase();
    let about_an_alert = [
        "firing",
        "resolved",
        "alert",
        "triggered",
        "incident",
        "problem",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || label(&fields, SEVERITY).is_some()
        || label(&fields, NAME).is_some();
    if !about_an_alert {
        return None;
    }
    let (cleaned, subject_state) = cleaned_title(&subject);
    let name = label(&fields, NAME)
        .or_else(|| Some(cleaned).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| subject.clone());
    let mut alert = Alert::named(Source::Email, name);
    alert.summary = label(&fields, &["summary", "description"]).filter(|s| *s != alert.name);
    alert.state = label(&fields, &["status", "state"])
        .and_then(|s| state_word(&s))
        .or(subject_state)
        .or_else(|| {
            ["firing", "resolved", "triggered"]
                .iter()
                .find(|w| lower.contains(*w))
                .and_then(|w| state_word(w))
        });
    alert.service = label(&fields, SERVICE);
    alert.environment = label(&fields, ENVIRONMENT);
    alert.set_severity(label(&fields, SEVERITY));
    // The time the alert says it started; else the mail's own date, when it was sent.
    alert.started = label(&fields, STARTED)
        .and_then(|s| parse_time(&s))
        .or_else(|| date.and_then(|d| parse_time(&d)));
    let body_text = body.join("\n");
    let found = code_in_labels(&fields, "field")
        .or_else(|| code_in_texts([("subject", subject.as_str()), ("body", body_text.as_str())]));
    if let Some((code, from)) = found {
        alert.code = Some(code);
        alert.code_from = Some(from);
    }
    Some(alert)
}

/// The body's `Name: value` and `- name = value` lines, as labels.
fn body_fields(body: &[&str]) -> Vec<(String, String)> {
    body.iter()
        .filter_map(|line| {
            let line = line.trim().trim_start_matches(['-', '*', '•']).trim_start();
            let at = line.find([':', '='])?;
            let (name, value) = (line[..at].trim(), line[at + 1..].trim());
            let plain = name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'));
            (plain && !name.is_empty() && name.len() <= 30 && !value.is_empty())
                .then(|| (name.to_owned(), value.trim_matches('"').to_owned()))
        })
        .collect()
}
