//! `api-triage timeline`: a saved session's timeline (`Session::timeline`, the one ordering the
//! app's timeline screen and the bundle's files read), redacted like an export, as a Markdown
//! table, CSV or JSON, optionally only some kinds.

use super::args::TimelineFormat;
use super::{Exit, LoadReport, Matrix, Output, json, visible};
use crate::session::EntryKind;

pub fn timeline(
    session: Option<&str>,
    format: TimelineFormat,
    kinds: &[String],
    journal: &crate::session::Journal,
    report: &LoadReport,
) -> Output {
    let fail = |message: String, exit: Exit| Output {
        stderr: format!("api-triage: {message}\n"),
        exit,
        ..Output::default()
    };
    let mut wanted = Vec::new();
    for word in kinds {
        let Some(kind) = EntryKind::ALL
            .into_iter()
            .find(|kind| kind.word().eq_ignore_ascii_case(word.trim()))
        else {
            let known: Vec<&str> = EntryKind::ALL.iter().map(|k| k.word()).collect();
            return fail(
                format!(
                    "no kind of event is called `{}`: use {}",
                    visible(word),
                    known.join(", ")
                ),
                Exit::Usage,
            );
        };
        wanted.push(kind);
    }
    let (_, session) = match super::saved_session(journal, session) {
        Ok(found) => found,
        Err(e) => return fail(e, Exit::Failed),
    };
    let matrix = Matrix::from_report(report);
    let runbook = match super::runbook_of(&matrix, &session) {
        Ok(runbook) => runbook,
        Err(e) => return fail(e, Exit::Failed),
    };
    // Redacted as the bundle's timeline is: a note's first line can hold a secret.
    let prepared = match crate::export::prepare(&session, runbook, true) {
        Ok(p) => p,
        Err(e) => return fail(e.to_string(), Exit::Failed),
    };
    let entries = prepared.session.timeline(&crate::startup::local_zone());
    let only = (!wanted.is_empty()).then_some(wanted.as_slice());
    let stdout = match format {
        TimelineFormat::Md => crate::export::timeline::markdown(&entries, only),
        TimelineFormat::Csv => crate::export::timeline::csv(&entries, only),
        TimelineFormat::Json => {
            let rows: Vec<serde_json::Value> = entries
                .iter()
                .filter(|e| only.is_none_or(|kinds| kinds.contains(&e.kind)))
                .map(|e| {
                    json!({
                        "utc": e.stamp.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                        "local": e.stamp.local,
                        "since_start_seconds": e.stamp.since_start,
                        "kind": e.kind.word(),
                        "what": e.line,
                        "note": e.note.map(|i| i + 1),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&json!({
                "session": session.id,
                "entries": rows,
            }))
            .unwrap_or_default()
                + "\n"
        }
    };
    Output {
        stdout,
        ..Output::default()
    }
}
