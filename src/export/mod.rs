//! Escalation: the summary in each format (`summary`), the hand-off for the next responder
//! (`handoff`), the stakeholder update (`update`), the timeline's files (`timeline`), the
//! tickets ready to post (`tickets`), what the team's runbook should have said (`suggest`),
//! redaction before anything leaves the terminal (`redact`) and the bundle folder (`bundle`);
//! `prepare` ties them together for the CLI and the app. Pure apart from writing the bundle:
//! the clipboard is `crate::clipboard`.

pub mod bundle;
pub mod handoff;
pub mod redact;
pub mod suggest;
pub mod summary;
pub mod tickets;
pub mod timeline;
pub mod update;

use jiff::Timestamp;

use crate::runbook::TeamRunbook;
use crate::runbook::model::Need;
use crate::session::Session;
use redact::{PatternError, Redactor};
use summary::{Format, redact_session, render};

/// A session ready to leave the terminal: redacted (unless asked not to), with what the
/// team's `needs` still lack.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub session: Session,
    /// Secrets removed; `None` when redaction was turned off.
    pub redacted: Option<usize>,
    /// Per kind of secret, how many were removed.
    pub redacted_kinds: Vec<(String, usize)>,
    pub missing: Vec<Need>,
    /// Notes the engineer struck out that were left out (none when asked to include them).
    pub struck_left_out: usize,
    /// The engineer's time zone, for the stamps of what is rendered (the timeline's start);
    /// UTC unless the caller, who may read the system's, says otherwise.
    pub zone: jiff::tz::TimeZone,
}

/// Redacts a session with the built-in rules and the runbook's own patterns, leaving out the
/// notes the engineer struck out.
pub fn prepare(
    session: &Session,
    runbook: &TeamRunbook,
    redact: bool,
) -> Result<Prepared, PatternError> {
    prepare_with(session, runbook, redact, false)
}

/// [`prepare`], with the struck notes kept in when `include_struck` (marked struck in the
/// summary, `"struck": true` in the bundle). Either way they meet none of the team's needs.
pub fn prepare_with(
    session: &Session,
    runbook: &TeamRunbook,
    redact: bool,
    include_struck: bool,
) -> Result<Prepared, PatternError> {
    let missing = session
        .code(&runbook.interview)
        .and_then(|c| runbook.card(c))
        .map(|card| session.missing_needs(&card.needs))
        .unwrap_or_default();
    let mut kept = session.clone();
    if !include_struck {
        // Note targets name steps, not notes; the good and failing marks move with theirs.
        kept.retain_notes(|n| !n.struck);
    }
    let struck_left_out = session.notes.len() - kept.notes.len();
    if !redact {
        return Ok(Prepared {
            session: kept,
            redacted: None,
            redacted_kinds: Vec::new(),
            missing,
            struck_left_out,
            zone: jiff::tz::TimeZone::UTC,
        });
    }
    let redactor = Redactor::with_custom(&runbook.redact)?;
    let result = redact_session(&kept, &redactor);
    Ok(Prepared {
        session: result.session,
        redacted: Some(result.count),
        redacted_kinds: result.kinds,
        missing,
        struck_left_out,
        zone: jiff::tz::TimeZone::UTC,
    })
}

/// An alert as `evidence` and `api-triage -` print it, redacted like an export (a summary
/// or a label can quote anything). Returns the copy and how many secrets went.
pub fn redact_alert(
    alert: &crate::evidence::alerts::Alert,
    redactor: &Redactor,
) -> (crate::evidence::alerts::Alert, usize) {
    let mut copy = alert.clone();
    let mut count = 0;
    copy.for_each_text(&mut |text: &mut String| {
        let result = redactor.redact(text);
        count += result.count;
        *text = result.text;
    });
    (copy, count)
}

/// What `evidence` and `api-triage -` print, redacted like an export: incident calls share
/// screens. Every text field is redacted with its header name for context; the token check
/// (claims, never the token) and who returned it stay. Returns the copy and how many secrets went.
pub fn redact_analysis(
    analysis: &crate::evidence::analysis::Analysis,
    redactor: &Redactor,
) -> (crate::evidence::analysis::Analysis, usize) {
    let mut copy = analysis.clone();
    let mut count = 0;
    let mut clean = |text: &str| {
        let result = redactor.redact(text);
        count += result.count;
        result.text
    };
    if let Some(url) = &copy.url {
        copy.url = Some(clean(url));
    }
    // Redacted as the header line it was, so the name gives the value its meaning; when a
    // pattern took the line apart, the whole value goes (fail closed).
    let mut value_of = |name: &str, value: &str| -> String {
        let line = clean(&format!("{name}: {value}"));
        match line.split_once(": ") {
            Some((kept, redacted)) if kept == name => redacted.to_owned(),
            _ if line == format!("{name}: {value}") => value.to_owned(),
            _ => redact::MARK.to_owned(),
        }
    };
    for (name, value) in &mut copy.headers {
        *value = value_of(name, value);
    }
    for id in &mut copy.ids {
        id.value = value_of(&id.name, &id.value);
    }
    for reason in &mut copy.returned_by.reasons {
        *reason = clean(reason);
    }
    if let Some(check) = &copy.returned_by.check {
        copy.returned_by.check = Some(clean(check));
    }
    copy.body = clean(&copy.body);
    if let Some(problem) = &copy.token_problem {
        copy.token_problem = Some(clean(problem));
    }
    // The credential findings name headers, users and claims, never a secret; they can quote
    // the server's `error_description`, which could hold anything, so they pass too.
    if let Some(credentials) = &mut copy.credentials {
        for finding in &mut credentials.findings {
            *finding = clean(finding);
        }
        if let Some(challenge) = &mut credentials.challenge {
            for text in [
                &mut challenge.realm,
                &mut challenge.error_description,
                &mut challenge.scope,
            ]
            .into_iter()
            .flatten()
            {
                *text = clean(text);
            }
        }
    }
    (copy, count)
}

impl Prepared {
    /// The same, rendering times in `zone`.
    #[must_use]
    pub fn in_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        self.zone = zone;
        self
    }

    pub fn render(&self, runbook: &TeamRunbook, now: Timestamp, format: Format) -> String {
        if format == Format::Json {
            return self.bundle_json(runbook, now);
        }
        render(&self.session, &self.missing, runbook, now, format)
    }

    /// The contents of `bundle.json`.
    pub fn bundle_json(&self, runbook: &TeamRunbook, now: Timestamp) -> String {
        let summary = render(&self.session, &self.missing, runbook, now, Format::Md);
        let json = bundle::BundleJson {
            schema_version: bundle::BUNDLE_SCHEMA_VERSION,
            exported_at: now,
            redacted: self.redacted.is_some(),
            secrets_redacted: self.redacted.unwrap_or(0),
            runbook: &runbook.name,
            summary_markdown: &summary,
            session: &self.session,
        };
        // The one way out for JSON: C1 and bidirectional controls escaped as `\u....`.
        crate::text::sanitize_json(&serde_json::to_string_pretty(&json).unwrap_or_default())
            .into_owned()
            + "\n"
    }

    /// "3 secrets redacted", or the warning that nothing was.
    pub fn redaction_note(&self) -> String {
        match self.redacted {
            Some(1) => "1 secret redacted".to_owned(),
            Some(n) => format!("{n} secrets redacted"),
            None => "REDACTION OFF: secrets in the evidence are included as typed".to_owned(),
        }
    }

    /// What was redacted, per kind: "2 cookie, 1 authorization header"; empty when nothing.
    pub fn redaction_kinds(&self) -> String {
        self.redacted_kinds
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.replace('-', " ")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every file of the bundle, redacted as this preparation is: the summary, the whole
    /// session as JSON, the hand-off for the next responder, the timeline, the tickets ready
    /// to post with the commands that would post them, and what the team's runbook should
    /// have said (`runbook-suggestion.toml`).
    pub fn bundle_files(&self, runbook: &TeamRunbook, now: Timestamp) -> Vec<bundle::BundleFile> {
        let summary = render(&self.session, &self.missing, runbook, now, Format::Md);
        let timeline = self.session.timeline(&self.zone);
        let mut files = vec![
            bundle::BundleFile::new("summary.md", summary),
            bundle::BundleFile::new("bundle.json", self.bundle_json(runbook, now)),
            bundle::BundleFile::new("handoff.md", handoff::render(self, runbook, now)),
            bundle::BundleFile::new("timeline.md", timeline::markdown(&timeline, None)),
            bundle::BundleFile::new("timeline.csv", timeline::csv(&timeline, None)),
            bundle::BundleFile::new(suggest::FILE_NAME, self.runbook_suggestion(runbook)),
        ];
        files.extend(tickets::files(self, runbook, now));
        files
    }

    /// The runbook changes this triage suggests, as TOML for the team's file.
    pub fn runbook_suggestion(&self, runbook: &TeamRunbook) -> String {
        suggest::render(self, runbook, &suggest::suggestions(self, runbook))
    }

    /// The bundle's folder name: time, code and title.
    pub fn bundle_name(&self, runbook: &TeamRunbook, now: Timestamp) -> String {
        bundle::folder_name(
            now,
            self.session.code(&runbook.interview),
            &self.session.incident.title,
        )
    }

    /// Writes the bundle folder under `out_dir`.
    pub fn write_bundle(
        &self,
        runbook: &TeamRunbook,
        now: Timestamp,
        out_dir: &std::path::Path,
    ) -> Result<std::path::PathBuf, bundle::BundleError> {
        bundle::write_bundle(
            out_dir,
            &self.bundle_name(runbook, now),
            &self.bundle_files(runbook, now),
        )
    }
}
