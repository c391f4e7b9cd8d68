//! Tickets ready to post: the escalation as a `PagerDuty` Events API v2 event, a Jira issue, an
//! Opsgenie alert and a GitHub issue, each a JSON file of the bundle, and `tickets.md` with the
//! one `curl` command per service that would post it. Nothing is sent. Every text comes from
//! the prepared (redacted) session and the runbook; where a ticket goes comes only from the
//! runbook's `[tickets]` table, and credentials only from environment variables named in the
//! commands. Each field is cut to the service's documented limit. Pure.

mod fit;
mod github;
mod guide;
mod jira;
mod opsgenie;
mod pagerduty;

use jiff::Timestamp;

use super::Prepared;
use super::bundle::BundleFile;
use super::summary::{Format, render};
use crate::runbook::TeamRunbook;
use crate::runbook::tickets::TicketSettings;
use crate::session::Session;

pub use fit::{clip, len};

/// The files, in the order they are listed in `tickets.md`.
pub const PAGERDUTY_FILE: &str = "ticket-pagerduty.json";
pub const JIRA_FILE: &str = "ticket-jira.json";
pub const OPSGENIE_FILE: &str = "ticket-opsgenie.json";
pub const GITHUB_FILE: &str = "ticket-github.json";
pub const GUIDE_FILE: &str = "tickets.md";

/// Which product names a ticket's origin (`source`, the dedup key's prefix).
const ORIGIN: &str = "api-triage";

/// The ticket files of `prepared`: four payloads and the guide that posts them.
pub fn files(prepared: &Prepared, runbook: &TeamRunbook, now: Timestamp) -> Vec<BundleFile> {
    let facts = Facts::gather(prepared, runbook, now);
    let json =
        |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    vec![
        BundleFile::new(PAGERDUTY_FILE, json(&pagerduty::event(&facts))),
        BundleFile::new(JIRA_FILE, json(&jira::issue(&facts))),
        BundleFile::new(OPSGENIE_FILE, json(&opsgenie::alert(&facts))),
        BundleFile::new(GITHUB_FILE, json(&github::issue(&facts))),
        BundleFile::new(GUIDE_FILE, guide::render(&facts)),
    ]
}

/// What every ticket is made of, gathered once from the prepared session.
struct Facts<'a> {
    session: &'a Session,
    settings: &'a TicketSettings,
    runbook_name: &'a str,
    /// The summary's first line: title, severity, code, endpoint, environment.
    headline: String,
    /// The whole summary, as plain text and as Markdown.
    text: String,
    markdown: String,
    code: Option<u16>,
    /// The code's reason phrase or the card's title ("Bad Gateway").
    code_title: Option<String>,
    /// Who owns the code and how to reach them, as the card words it.
    owner: Option<String>,
    endpoint: String,
    /// The severity as a level from 1 (worst) to 5, when the engineer's words say one.
    level: Option<u8>,
    /// The evidence line of each note that has one: "T+06:40 502 from ...".
    evidence: Vec<String>,
    /// What the team's `needs` still lack.
    missing: Vec<&'static str>,
    /// What the checklist found.
    found: Vec<String>,
    now: Timestamp,
    /// Whether secrets were redacted (always, unless redaction was turned off).
    redacted: bool,
}

impl<'a> Facts<'a> {
    fn gather(prepared: &'a Prepared, runbook: &'a TeamRunbook, now: Timestamp) -> Self {
        let session = &prepared.session;
        let text = render(session, &prepared.missing, runbook, now, Format::Text);
        let markdown = render(session, &prepared.missing, runbook, now, Format::Md);
        let headline = fit::one_line(text.lines().next().unwrap_or_default());
        let code = session.code(&runbook.interview);
        let card = code.and_then(|c| runbook.card(c));
        let code_title = code
            .and_then(crate::runbook::merged::reason_phrase)
            .map(str::to_owned)
            .or_else(|| card.as_ref().map(|c| c.title.clone()));
        let endpoint = if session.incident.endpoint.trim().is_empty() {
            match session.interview.answers.get("service") {
                Some(crate::triage::Answer::Text(text)) => text.clone(),
                _ => String::new(),
            }
        } else {
            session.incident.endpoint.clone()
        };
        Self {
            session,
            settings: &runbook.tickets,
            runbook_name: &runbook.name,
            headline,
            text,
            markdown,
            code,
            code_title,
            owner: card
                .as_ref()
                .map(|c| crate::runbook::sheet::owner_text(&c.owner)),
            endpoint: fit::one_line(&endpoint),
            level: level(&session.incident.severity),
            evidence: session
                .live_notes()
                .filter_map(|note| {
                    let line = note.evidence_line()?;
                    Some(fit::one_line(&format!("{} {line}", note.elapsed_label())))
                })
                .collect(),
            missing: prepared.missing.iter().map(|n| n.label()).collect(),
            found: session
                .checklist
                .found()
                .map(|step| fit::one_line(&step.found_text()))
                .collect(),
            now,
            redacted: prepared.redacted.is_some(),
        }
    }

    /// The session's id, which every ticket is deduplicated on: posting a ticket again adds
    /// to the alert it opened instead of opening another.
    fn dedup_key(&self) -> String {
        format!("{ORIGIN}-{}", self.session.id)
    }

    /// "HTTP 502 Bad Gateway", or what is known of it.
    fn class(&self) -> String {
        match (self.code, &self.code_title) {
            (Some(code), Some(title)) => format!("HTTP {code} {title}"),
            (Some(code), None) => format!("HTTP {code}"),
            (None, _) => "HTTP failure (code not known)".to_owned(),
        }
    }

    /// The labels of the Jira issue and the Opsgenie alert's tags: where this came from, the
    /// code, the severity and the environment as written, then the runbook's own. No spaces,
    /// each at most `max` units, none twice, at most `count`.
    fn labels(&self, max: usize, count: usize) -> Vec<String> {
        let incident = &self.session.incident;
        let own = [
            ORIGIN.to_owned(),
            self.code.map(|c| format!("http-{c}")).unwrap_or_default(),
            incident.severity.clone(),
            incident.environment.clone(),
        ];
        let runbook = self.settings.labels.iter().map(|l| fit::tag(l, max));
        let mut labels: Vec<String> = Vec::new();
        for label in own.iter().map(|l| fit::label(l, max)).chain(runbook) {
            if !label.is_empty() && !labels.contains(&label) && labels.len() < count {
                labels.push(label);
            }
        }
        labels
    }
}

/// The value a payload holds where the runbook has not said: names the field to set.
fn placeholder(what: &str, field: &str) -> String {
    format!("<{what}: set [tickets] {field}>")
}

/// The severity the engineer wrote as a level from 1 (worst) to 5: `SEV2`, `sev-2`, `S2`,
/// `P2`, `2`, or a word (`critical`, `high`, `major`, `medium`, `low`, `minor`, `info`).
/// `SEV0` counts as 1. `None` when nothing is written or the words say no level.
fn level(severity: &str) -> Option<u8> {
    let word: String = severity
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .collect();
    let by_word = match word.as_str() {
        "critical" | "crit" | "blocker" | "emergency" | "urgent" => Some(1),
        "high" | "major" | "error" => Some(2),
        "medium" | "moderate" | "warning" | "normal" => Some(3),
        "low" | "minor" => Some(4),
        "info" | "informational" | "lowest" | "trivial" => Some(5),
        _ => None,
    };
    if by_word.is_some() {
        return by_word;
    }
    let digits = ["severity", "priority", "sev", "pri", "s", "p"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
        .unwrap_or(&word);
    match digits.parse::<u8>() {
        Ok(0) => Some(1),
        Ok(n @ 1..=5) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
