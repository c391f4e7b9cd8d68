//! Escalation: the summary in each format (`summary`), redaction before anything leaves the
//! terminal (`redact`), the bundle folder (`bundle`) and the clipboard (`clipboard`, the only
//! module that touches it). `prepare` ties them together for the CLI and the app.

pub mod bundle;
pub mod clipboard;
pub mod redact;
pub mod summary;

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
    pub missing: Vec<Need>,
}

/// Redacts a session with the built-in rules and the runbook's own patterns.
pub fn prepare(
    session: &Session,
    runbook: &TeamRunbook,
    redact: bool,
) -> Result<Prepared, PatternError> {
    let code = session
        .code
        .or_else(|| session.interview.code(&runbook.interview));
    let missing = code
        .and_then(|c| runbook.card(c))
        .map(|card| {
            let met = session.needs_met(&card.needs);
            card.needs
                .iter()
                .filter(|n| !met.contains(n))
                .copied()
                .collect()
        })
        .unwrap_or_default();
    if !redact {
        return Ok(Prepared {
            session: session.clone(),
            redacted: None,
            missing,
        });
    }
    let redactor = Redactor::with_custom(&runbook.redact)?;
    let result = redact_session(session, &redactor);
    Ok(Prepared {
        session: result.session,
        redacted: Some(result.count),
        missing,
    })
}

impl Prepared {
    pub fn render(&self, runbook: &TeamRunbook, now: Timestamp, format: Format) -> String {
        if format == Format::Json {
            return self.bundle_json(runbook, now);
        }
        render(&self.session, runbook, now, format)
    }

    /// The contents of `bundle.json`.
    pub fn bundle_json(&self, runbook: &TeamRunbook, now: Timestamp) -> String {
        let summary = render(&self.session, runbook, now, Format::Md);
        let json = bundle::BundleJson {
            schema_version: bundle::BUNDLE_SCHEMA_VERSION,
            exported_at: now,
            redacted: self.redacted.is_some(),
            secrets_redacted: self.redacted.unwrap_or(0),
            runbook: &runbook.name,
            summary_markdown: &summary,
            session: &self.session,
        };
        serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
    }

    /// "3 secrets redacted", or the warning that nothing was.
    pub fn redaction_note(&self) -> String {
        match self.redacted {
            Some(1) => "1 secret redacted".to_owned(),
            Some(n) => format!("{n} secrets redacted"),
            None => "REDACTION OFF: secrets in the evidence are included as typed".to_owned(),
        }
    }

    /// Writes the bundle folder under `out_dir`.
    pub fn write_bundle(
        &self,
        runbook: &TeamRunbook,
        now: Timestamp,
        out_dir: &std::path::Path,
    ) -> Result<std::path::PathBuf, bundle::BundleError> {
        let name = bundle::folder_name(now, self.session.code, &self.session.incident.title);
        let summary = render(&self.session, runbook, now, Format::Md);
        bundle::write_bundle(out_dir, &name, &summary, &self.bundle_json(runbook, now))
    }
}
