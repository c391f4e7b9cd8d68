//! The escalation screen's work: the redacted preview, writing the bundle, copying the
//! summary, and what became of each.

use super::{App, Effect, ExportOutcome, ExportPreview, ExportStep, Format, Screen};

impl App {
    /// Recomputes the redacted summary of the triage in `format`.
    pub(super) fn refresh_preview(&mut self, format: Format) {
        let outcomes = self.preview.take().map(|p| p.outcomes).unwrap_or_default();
        let Some(triage) = &self.triage else {
            return;
        };
        let Some(runbook) = self.runbook(triage.runbook) else {
            return;
        };
        match crate::export::prepare(&triage.session, runbook, true) {
            Ok(prepared) => {
                self.preview = Some(ExportPreview {
                    format,
                    text: prepared.render(runbook, self.now, format),
                    redaction: prepared.redaction_note(),
                    redacted_kinds: prepared.redaction_kinds(),
                    missing: prepared.missing,
                    outcomes,
                });
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    /// The effect that writes the bundle of the triage, redacted.
    pub(super) fn write_bundle(&mut self) -> Vec<Effect> {
        let Some(triage) = &self.triage else {
            return Vec::new();
        };
        let Some(runbook) = self.runbook(triage.runbook) else {
            return Vec::new();
        };
        match crate::export::prepare(&triage.session, runbook, true) {
            Ok(prepared) => {
                let name = crate::export::bundle::folder_name(
                    self.now,
                    prepared.session.code(&runbook.interview),
                    &prepared.session.incident.title,
                );
                vec![
                    Effect::Save,
                    Effect::WriteBundle {
                        name,
                        summary: prepared.render(runbook, self.now, Format::Md),
                        json: prepared.bundle_json(runbook, self.now),
                    },
                ]
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// The effect that copies the summary: the previewed format, else Markdown.
    pub(super) fn copy_summary(&mut self) -> Vec<Effect> {
        let format = match self.screen() {
            Screen::Export { format, .. } => *format,
            _ => Format::Md,
        };
        let Some(triage) = &self.triage else {
            return Vec::new();
        };
        let Some(runbook) = self.runbook(triage.runbook) else {
            return Vec::new();
        };
        match crate::export::prepare(&triage.session, runbook, true) {
            Ok(prepared) => {
                let effect = Effect::Copy {
                    text: prepared.render(runbook, self.now, format),
                };
                self.notice = Some(format!(
                    "Copying the summary ({})…",
                    prepared.redaction_note()
                ));
                vec![effect]
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// Reports where the bundle went.
    pub fn exported(&mut self, result: Result<std::path::PathBuf, String>) {
        let redaction = self
            .preview
            .as_ref()
            .map_or_else(String::new, |p| format!(" ({})", p.redaction));
        let outcome = match result {
            Ok(path) => ExportOutcome {
                of: ExportStep::Bundle,
                text: format!("Bundle written to {}{redaction}", path.display()),
                trouble: false,
            },
            Err(e) => ExportOutcome {
                of: ExportStep::Bundle,
                text: format!("Bundle NOT written: {e}"),
                trouble: true,
            },
        };
        self.record_outcome(outcome);
    }

    /// Reports which way the copy went; `trouble` when it did not go the preferred way.
    pub fn copied(&mut self, description: &str, trouble: bool) {
        let outcome = ExportOutcome {
            of: ExportStep::Copy,
            text: format!("Summary {description}"),
            trouble,
        };
        self.record_outcome(outcome);
    }

    /// Shows `outcome` on the status line and, in full, on the export screen, replacing the
    /// earlier outcome of the same step.
    pub(super) fn record_outcome(&mut self, outcome: ExportOutcome) {
        self.notice = Some(outcome.text.clone());
        if let Some(preview) = &mut self.preview {
            preview.outcomes.retain(|o| o.of != outcome.of);
            preview.outcomes.push(outcome);
        }
    }
}
