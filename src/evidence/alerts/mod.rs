//! Reading an alert payload: Prometheus Alertmanager's webhook, Grafana's alerting webhook,
//! `PagerDuty` (an Events API v2 event and a V3 incident webhook), Opsgenie (its webhook and
//! the Alert API's create body) and a plain alert e-mail. The format is told from the
//! payload's shape; what is read is what a triage asks first: a title, the service, the
//! severity (in the session's words too), the environment, when it started and the HTTP
//! status code when a label or field clearly names one. Keys in a payload (`routing_key`, an
//! API key) are never read. Pure: no I/O, no clock.

mod email;
mod fields;
mod opsgenie;
mod pagerduty;
mod prometheus;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use fields::incident_severity;

/// Which service sent the alert, as told from its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Prometheus Alertmanager's webhook (`version` 4).
    Alertmanager,
    /// Grafana alerting's webhook (and its legacy, pre-unified one).
    Grafana,
    /// A `PagerDuty` Events API v2 event (`routing_key`, `event_action`, `payload`).
    PagerdutyEvent,
    /// A `PagerDuty` V3 webhook about an incident (`event.event_type`, `event.data`).
    PagerdutyIncident,
    /// Opsgenie's webhook (`action`, `alert`) or an Alert API create body.
    Opsgenie,
    /// The text of an alert e-mail.
    Email,
}

impl Source {
    /// What was read, as a note's line and an answer's source say it: "Alertmanager alert".
    pub fn what(self) -> &'static str {
        match self {
            Source::Alertmanager => "Alertmanager alert",
            Source::Grafana => "Grafana alert",
            Source::PagerdutyEvent => "PagerDuty event",
            Source::PagerdutyIncident => "PagerDuty incident",
            Source::Opsgenie => "Opsgenie alert",
            Source::Email => "alert e-mail",
        }
    }

    /// [`what`](Self::what) to open a sentence: "Alert e-mail".
    fn title_case(self) -> String {
        let what = self.what();
        let mut chars = what.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }
}

/// Whether the alert is still on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Firing,
    Acknowledged,
    Resolved,
}

impl State {
    pub fn word(self) -> &'static str {
        match self {
            State::Firing => "firing",
            State::Acknowledged => "acknowledged",
            State::Resolved => "resolved",
        }
    }
}

/// What an alert payload says, as data: kept with the note it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// The alert's name (`alertname`), or the sentence that stands for it (a `PagerDuty`
    /// summary or incident title, an Opsgenie message, an e-mail's subject).
    pub name: String,
    /// Other alert names in the same payload, in order, without repeats (at most a few).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    /// How many alerts the payload holds (Alertmanager's `truncatedAlerts` counted in).
    #[serde(default = "one")]
    pub count: usize,
    /// The human sentence, when apart from the name (an annotation's `summary`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The severity as the alert writes it: `critical`, `P1`, `high urgency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// The same in the session's words (`SEV1`), when the alert's word is a known one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_severity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// When it started: the earliest `startsAt` of several alerts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Timestamp>,
    /// The HTTP status code a label or field clearly names (4xx or 5xx only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// Where the code was read: `label code="502"`, `"HTTP 502" in the summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_from: Option<String>,
}

fn one() -> usize {
    1
}

/// Reads `text` as an alert payload; `None` when it is none of the known shapes. A JSON
/// payload may follow a command line or the request lines of a captured webhook.
pub fn read(text: &str) -> Option<Alert> {
    // Callers normalise at the way in; text that did not come that way (a test, a fuzzer) is
    // normalised here, so a paste with CR line breaks reads the same. Idempotent.
    let text = crate::text::normalize(text);
    let mut alert = match json_in(&text) {
        Some(value) => from_json(&value),
        None => email::read(&text),
    }?;
    alert.for_each_text(&mut tidy);
    Some(alert)
}

/// The longest text kept of a field: a title or a label, not a document.
const MAX_FIELD: usize = 200;

/// A field as a line shows it: JSON escapes (`\u001b`, `\n`) decode to what the way in
/// already cleaned from the text around them, so they are normalised again; white space runs
/// become one space; a runaway value is cut.
fn tidy(text: &mut String) {
    let clean = crate::text::normalize(text);
    let mut one_line = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > MAX_FIELD {
        one_line = one_line.chars().take(MAX_FIELD - 1).collect::<String>() + "…";
    }
    *text = one_line;
}

fn from_json(value: &serde_json::Value) -> Option<Alert> {
    prometheus::read(value)
        .or_else(|| pagerduty::read_incident(value))
        .or_else(|| pagerduty::read_event(value))
        .or_else(|| opsgenie::read_webhook(value))
        .or_else(|| prometheus::read_legacy_grafana(value))
        .or_else(|| opsgenie::read_create(value))
}

/// The JSON object in `text`: all of it, or from the first line that opens one to the end
/// (after `$ cat alert.json`, or a captured request's line and headers).
fn json_in(text: &str) -> Option<serde_json::Value> {
    let trimmed = text.trim();
    let start = if trimmed.starts_with('{') {
        0
    } else {
        let mut offset = 0;
        let mut found = None;
        for line in trimmed.split_inclusive('\n') {
            if line.trim_start().starts_with('{') {
                found = Some(offset);
                break;
            }
            offset += line.len();
        }
        found?
    };
    let value: serde_json::Value = serde_json::from_str(&trimmed[start..]).ok()?;
    value.is_object().then_some(value)
}

impl Alert {
    /// A new alert of `source` named `name`, nothing else known yet.
    fn named(source: Source, name: String) -> Self {
        Self {
            source,
            state: None,
            name,
            other_names: Vec::new(),
            count: 1,
            summary: None,
            service: None,
            severity: None,
            incident_severity: None,
            environment: None,
            started: None,
            code: None,
            code_from: None,
        }
    }

    /// Sets the severity as written and in the session's words.
    fn set_severity(&mut self, raw: Option<String>) {
        self.incident_severity = raw
            .as_deref()
            .and_then(incident_severity)
            .map(str::to_owned);
        self.severity = raw;
    }

    /// The title for the incident: the name, with how many alerts when there are several
    /// ("`OrdersHigh5xx` (3 alerts)", "3 alerts: `OrdersHigh5xx`, `OrdersSlow`, `PaymentsDown`").
    pub fn title(&self) -> String {
        if self.count <= 1 {
            return self.name.clone();
        }
        if self.other_names.is_empty() {
            return format!("{} ({} alerts)", self.name, self.count);
        }
        let mut names = vec![self.name.as_str()];
        names.extend(self.other_names.iter().take(2).map(String::as_str));
        let more = if self.other_names.len() > 2 {
            ", …"
        } else {
            ""
        };
        format!("{} alerts: {}{more}", self.count, names.join(", "))
    }

    /// The first-seen time as the incident's field holds it: "2026-12-03 02:40 UTC".
    pub fn first_seen(&self) -> Option<String> {
        self.started
            .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
    }

    /// When it started, as a line says it: "02:40 UTC", with the date when `read_at` (the
    /// note's time) falls on another day.
    fn since(&self, read_at: Timestamp) -> Option<String> {
        let started = self.started?;
        let same_day =
            started.strftime("%Y-%m-%d").to_string() == read_at.strftime("%Y-%m-%d").to_string();
        let format = if same_day {
            "%H:%M UTC"
        } else {
            "%Y-%m-%d %H:%M UTC"
        };
        Some(started.strftime(format).to_string())
    }

    /// The one-line form under the note, in the app and every summary: "Alertmanager alert
    /// firing: `OrdersHigh5xx`, critical, prod, since 02:40 UTC, service orders-api, code 502";
    /// `read_at` is the note's time.
    pub fn line(&self, read_at: Timestamp) -> String {
        let mut line = self.source.title_case();
        if let Some(state) = self.state {
            line.push(' ');
            line.push_str(state.word());
        }
        line.push_str(": ");
        line.push_str(&self.title());
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.severity.clone());
        parts.extend(self.environment.clone());
        if let Some(since) = self.since(read_at) {
            parts.push(format!("since {since}"));
        }
        if let Some(service) = &self.service {
            parts.push(format!("service {service}"));
        }
        if let Some(code) = self.code {
            parts.push(format!("code {code}"));
        }
        for part in parts {
            line.push_str(", ");
            line.push_str(&part);
        }
        line
    }

    /// Short, for a summary's header lines: "Alertmanager alert firing since 02:40 UTC:
    /// `OrdersHigh5xx` (2 alerts)"; `read_at` is the note's time.
    pub fn headline(&self, read_at: Timestamp) -> String {
        let mut about = self.source.title_case();
        if let Some(state) = self.state {
            about.push(' ');
            about.push_str(state.word());
        }
        if let Some(since) = self.since(read_at) {
            let _ = write!(about, " since {since}");
        }
        format!("{about}: {}", self.title())
    }

    /// A plain-text card for `api-triage evidence`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let state = self.state.map_or("", State::word);
        let _ = writeln!(out, "Alert:       {} {state}", self.source.title_case());
        let _ = writeln!(out, "Title:       {}", self.title());
        if let Some(summary) = &self.summary {
            let _ = writeln!(out, "Summary:     {summary}");
        }
        if let Some(severity) = &self.severity {
            match &self.incident_severity {
                Some(level) => {
                    let _ = writeln!(out, "Severity:    {severity} ({level} in the triage)");
                }
                None => {
                    let _ = writeln!(out, "Severity:    {severity}");
                }
            }
        }
        for (label, value) in [
            ("Service:    ", &self.service),
            ("Environment:", &self.environment),
            ("First seen: ", &self.first_seen()),
        ] {
            if let Some(value) = value {
                let _ = writeln!(out, "{label} {value}");
            }
        }
        match (self.code, &self.code_from) {
            (Some(code), Some(from)) => {
                let _ = writeln!(out, "Code:        {code} (from {from})");
            }
            (Some(code), None) => {
                let _ = writeln!(out, "Code:        {code}");
            }
            (None, _) => {
                let _ = writeln!(
                    out,
                    "Code:        none named (a label or field like code=\"502\", or \"HTTP 502\")"
                );
            }
        }
        if self.count > 1 {
            let _ = writeln!(out, "Alerts:      {} in the payload", self.count);
        }
        crate::text::visible_multiline(&out)
    }

    /// Calls `visit` on every text read from the payload, for normalising and redaction.
    pub fn for_each_text(&mut self, visit: &mut impl FnMut(&mut String)) {
        visit(&mut self.name);
        for text in self
            .other_names
            .iter_mut()
            .chain(self.summary.iter_mut())
            .chain(self.service.iter_mut())
            .chain(self.severity.iter_mut())
            .chain(self.incident_severity.iter_mut())
            .chain(self.environment.iter_mut())
            .chain(self.code_from.iter_mut())
        {
            visit(text);
        }
    }
}
